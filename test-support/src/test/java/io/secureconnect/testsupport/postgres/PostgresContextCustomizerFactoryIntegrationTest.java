package io.secureconnect.testsupport.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.context.support.GenericApplicationContext;

class PostgresContextCustomizerFactoryIntegrationTest {

    private final PostgresContextCustomizerFactory factory = new PostgresContextCustomizerFactory();

    @Test
    void contextGetsItsDatabaseAsPropertiesAndBeanAndDropsItWhenClosed() {
        var customizer = factory.createContextCustomizer(AnnotatedTest.class, List.of());
        var context = new GenericApplicationContext();
        customizer.customizeContext(context, null);
        context.refresh();

        var database = context.getBean("testDatabase", TestDatabase.class);
        var environment = context.getEnvironment();
        assertThat(environment.getProperty("spring.datasource.url")).isEqualTo(database.jdbcUrl());
        assertThat(environment.getProperty("spring.datasource.username")).isEqualTo(database.username());
        assertThat(environment.getProperty("spring.datasource.password")).isEqualTo(database.password());
        assertThat(TestDatabases.exists(database.name())).isTrue();

        context.close();

        assertThat(TestDatabases.exists(database.name())).isFalse();
    }

    @Test
    void eachTestClassHasItsOwnContextButNestedClassesShareTheirEnclosingOne() {
        var annotated = factory.createContextCustomizer(AnnotatedTest.class, List.of());

        assertThat(factory.createContextCustomizer(AnnotatedTest.class, List.of())).isEqualTo(annotated);
        assertThat(factory.createContextCustomizer(AnnotatedTest.Inner.class, List.of())).isEqualTo(annotated);
        assertThat(factory.createContextCustomizer(SubclassTest.class, List.of())).isNotNull().isNotEqualTo(annotated);
        assertThat(factory.createContextCustomizer(MetaAnnotatedTest.class, List.of())).isNotNull();
        assertThat(factory.createContextCustomizer(PostgresContextCustomizerFactoryIntegrationTest.class, List.of()))
                .isNull();
    }

    @WithPostgres
    static class AnnotatedTest {

        @Nested
        class Inner {
        }
    }

    static class SubclassTest extends AnnotatedTest {
    }

    @java.lang.annotation.Retention(java.lang.annotation.RetentionPolicy.RUNTIME)
    @WithPostgres
    @interface ServiceTest {
    }

    @ServiceTest
    static class MetaAnnotatedTest {
    }
}
