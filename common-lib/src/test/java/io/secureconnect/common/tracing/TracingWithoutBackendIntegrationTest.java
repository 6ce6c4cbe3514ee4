package io.secureconnect.common.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import io.opentelemetry.sdk.trace.samplers.SamplingDecision;
import io.secureconnect.common.mvc.MvcTestApplication;
import io.secureconnect.testsupport.jwt.WithTestJwks;
import io.secureconnect.testsupport.postgres.WithPostgres;
import io.secureconnect.testsupport.redis.WithRedis;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.TestPropertySource;

/**
 * Without an OTLP endpoint (tests, {@code ./secureconnect up}, a compose {@code .env} that empties it) nothing is
 * exported, no connection is attempted and new traces are not recorded at all, whatever the sampling probability;
 * the trace ids in the logs are covered by MvcConventionsIntegrationTest.
 */
@WithPostgres
@WithRedis
@WithTestJwks
@SpringBootTest(classes = MvcTestApplication.class, properties = "management.tracing.sampling.probability=1.0")
class TracingWithoutBackendIntegrationTest {

    private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";

    @Autowired
    ApplicationContext context;

    @Autowired
    Sampler sampler;

    @Test
    void nothingIsExportedWithoutAnEndpoint() {
        assertThat(context.getBeansOfType(SpanExporter.class)).isEmpty();
    }

    @Test
    void aNewTraceIsNotRecordedWhenNothingWouldExportIt() {
        assertThat(decisionForANewTrace(sampler)).isEqualTo(SamplingDecision.DROP);
    }

    @Nested
    @TestPropertySource(properties = "management.opentelemetry.tracing.export.otlp.endpoint=")
    class WhenTheEndpointIsEmpty {

        @Autowired
        ApplicationContext emptyEndpointContext;

        @Autowired
        Sampler emptyEndpointSampler;

        @Test
        void itIsNoEndpoint() {
            assertThat(emptyEndpointContext.getBeansOfType(SpanExporter.class)).isEmpty();
            assertThat(decisionForANewTrace(emptyEndpointSampler)).isEqualTo(SamplingDecision.DROP);
        }
    }

    private static SamplingDecision decisionForANewTrace(Sampler sampler) {
        return sampler.shouldSample(Context.root(), TRACE_ID, "http get", SpanKind.SERVER, Attributes.empty(),
                List.<LinkData>of()).getDecision();
    }
}
