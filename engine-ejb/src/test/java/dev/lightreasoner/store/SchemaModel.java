package dev.lightreasoner.store;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hibernate.boot.Metadata;
import org.hibernate.boot.MetadataSources;
import org.hibernate.boot.registry.StandardServiceRegistry;
import org.hibernate.boot.registry.StandardServiceRegistryBuilder;
import org.hibernate.tool.schema.spi.DelayedDropRegistryNotAvailableImpl;
import org.hibernate.tool.schema.spi.SchemaManagementToolCoordinator;

/** The entity model as WildFly's Hibernate sees it: the classes persistence.xml lists, for one database. */
final class SchemaModel {
    private static final Path PERSISTENCE_XML = Path.of("src/main/resources/META-INF/persistence.xml");

    private SchemaModel() {
    }

    static List<Class<?>> entities() throws Exception {
        List<Class<?>> classes = new ArrayList<>();
        Matcher m = Pattern.compile("<class>([^<]+)</class>").matcher(Files.readString(PERSISTENCE_XML));
        while (m.find()) {
            classes.add(Class.forName(m.group(1)));
        }
        return classes;
    }

    /** Hibernate metadata of the entities under the given settings (dialect, or a connection to validate against). */
    static Metadata metadata(StandardServiceRegistry registry) throws Exception {
        MetadataSources sources = new MetadataSources(registry);
        for (Class<?> entity : entities()) {
            sources.addAnnotatedClass(entity);
        }
        return sources.buildMetadata();
    }

    /**
     * Runs Hibernate's schema tooling over the entities as the settings say (hbm2ddl.auto update or validate against a
     * database, or a create script to a file); a validation failure throws, naming the table or column.
     */
    static void schemaTool(Map<String, Object> settings) throws Exception {
        try (StandardServiceRegistry registry = new StandardServiceRegistryBuilder().applySettings(settings).build()) {
            SchemaManagementToolCoordinator.process(metadata(registry), registry, settings,
                    DelayedDropRegistryNotAvailableImpl.INSTANCE);
        }
    }
}
