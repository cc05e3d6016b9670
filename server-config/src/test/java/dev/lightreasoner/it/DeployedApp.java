package dev.lightreasoner.it;

import java.io.File;
import java.util.HashSet;
import java.util.Set;
import org.jboss.arquillian.container.test.api.ContainerController;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Base of the black-box integration tests: the EAR built by the ear module, deployed on the WildFly
 * provisioned by this module's build. The container runs in manual mode so that a test can restart it;
 * it is started once and stays up for the following test classes.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
abstract class DeployedApp {
    static final String SERVER = "wildfly";
    static final String APP = "app";
    private static final Set<Class<?>> DEPLOYED_FOR = new HashSet<>();

    @ArquillianResource
    static ContainerController controller;
    @ArquillianResource
    static Deployer deployer;

    @Deployment(name = APP, managed = false, testable = false)
    static EnterpriseArchive app() {
        return ShrinkWrap.createFromZipFile(EnterpriseArchive.class, new File(System.getProperty("app.ear")));
    }

    @BeforeEach
    void serverUpAndAppDeployed() {
        if (!controller.isStarted(SERVER)) {
            controller.start(SERVER);
        }
        // Arquillian undeploys a class's deployments after the class; each class deploys once
        if (DEPLOYED_FOR.add(getClass())) {
            deployer.deploy(APP);
        }
    }

    /** Stops and starts the server JVM; deployed content persists in its configuration. */
    static void restartServer() {
        controller.stop(SERVER);
        controller.start(SERVER);
    }
}
