package dev.lightreasoner.store;

import jakarta.persistence.EntityManager;
import java.util.function.Consumer;
import org.h2.jdbcx.JdbcDataSource;
import org.hibernate.SessionFactory;
import org.hibernate.cfg.Configuration;

/**
 * A fresh in-memory H2 database with the schema the migrations make and Hibernate over the entities persistence.xml
 * lists: the stores' queries run here as in the server, one transaction per {@link #inTransaction} call.
 */
final class StoreDatabase implements AutoCloseable {
    private static int databases;
    private final SessionFactory sessions;
    private final EntityManager em;

    StoreDatabase() throws Exception {
        JdbcDataSource db = new JdbcDataSource();
        db.setURL("jdbc:h2:mem:stores-" + (++databases) + ";DB_CLOSE_DELAY=-1");
        db.setUser("sa");
        SchemaMigrations.migrate(db);
        Configuration configuration = new Configuration()
                .setProperty("hibernate.connection.url", db.getURL())
                .setProperty("hibernate.connection.username", "sa")
                .setProperty("hibernate.hbm2ddl.auto", "validate");
        for (Class<?> entity : SchemaModel.entities()) {
            configuration.addAnnotatedClass(entity);
        }
        sessions = configuration.buildSessionFactory();
        em = sessions.createEntityManager();
    }

    EntityManager em() {
        return em;
    }

    /** Runs the work in one transaction and clears the persistence context, so later reads go to the database. */
    void inTransaction(Consumer<EntityManager> work) {
        em.getTransaction().begin();
        work.accept(em);
        em.getTransaction().commit();
        em.clear();
    }

    @Override
    public void close() {
        em.close();
        sessions.close();
    }
}
