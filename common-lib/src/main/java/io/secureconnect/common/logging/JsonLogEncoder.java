package io.secureconnect.common.logging;

import net.logstash.logback.encoder.LogstashEncoder;
import net.logstash.logback.fieldnames.LogstashFieldNames;
import net.logstash.logback.mask.MaskingJsonGeneratorDecorator;

/**
 * The JSON line format of every service (ARCHITECTURE §4): {@code @timestamp, level, service, logger, message,
 * request_id, trace_id, span_id, user_id} plus {@code exception}. Secrets are masked twice: whole fields by name
 * (a {@code password} member of a structured argument) and substrings by pattern wherever they appear, including
 * the message text and stack traces, so a token that slips into a log call still never reaches a file.
 */
public class JsonLogEncoder extends LogstashEncoder {

    static final String MASK = "****";

    /** Field names whose values are always secret. */
    private static final String SECRET_FIELDS = "password,newPassword,currentPassword,accessToken,refreshToken,"
            + "access_token,refresh_token,token,authorization,Authorization,secret,secretKey,secret_key";

    private final MaskingJsonGeneratorDecorator masking;

    public JsonLogEncoder() {
        LogstashFieldNames names = getFieldNames();
        names.setTimestamp("@timestamp");
        names.setVersion("[ignore]");
        names.setLevelValue("[ignore]");
        names.setLogger("logger");
        names.setThread("thread");
        names.setStackTrace("exception");
        setIncludeContext(false); // logback context properties are config, not log data
        addMdcKeyFieldName("traceId=trace_id");
        addMdcKeyFieldName("spanId=span_id");

        masking = new MaskingJsonGeneratorDecorator();
        masking.setDefaultMask(MASK);
        masking.addPaths(SECRET_FIELDS);
        masking.addValueMasker(new SecretValueMasker(MASK));
        addDecorator(masking);
    }

    @Override
    public void start() {
        String service = getContext() == null ? null : getContext().getProperty("SERVICE");
        setCustomFields("{\"service\":\"" + (service == null ? "secureconnect" : service.replace("\"", "")) + "\"}");
        masking.start(); // decorators built in code are not started by Joran
        super.start();
    }
}
