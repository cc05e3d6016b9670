package dev.lightreasoner.engine.sampling;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lightreasoner.engine.data.BadRecordException;

/**
 * The sample format of the LightReasoner reference code (docs/method.md §5.4), one JSON object per line:
 * {@code prompt_id} (the question text), {@code step}, {@code prefix} (decoded assistant prefix),
 * {@code tokens}, {@code token_ids} (ascending), {@code weights}, {@code kl_divergence}.
 */
public final class LightReasonerJsonl {
    private static final ObjectMapper JSON = new ObjectMapper();

    private LightReasonerJsonl() {
    }

    public record Record(String promptId, int step, String prefix, String[] tokens, int[] tokenIds, double[] weights,
                         double kl) {
    }

    public static String write(Record r) {
        ObjectNode o = JSON.createObjectNode();
        o.put("prompt_id", r.promptId());
        o.put("step", r.step());
        o.put("prefix", r.prefix());
        ArrayNode tokens = o.putArray("tokens");
        for (String t : r.tokens()) {
            tokens.add(t);
        }
        ArrayNode ids = o.putArray("token_ids");
        for (int id : r.tokenIds()) {
            ids.add(id);
        }
        ArrayNode weights = o.putArray("weights");
        for (double w : r.weights()) {
            weights.add(w);
        }
        o.put("kl_divergence", r.kl());
        try {
            return JSON.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Parses and checks one line; {@code lineNumber} (1-based) goes into the error. */
    public static Record parse(String line, long lineNumber) throws BadRecordException {
        JsonNode o;
        try {
            o = JSON.readTree(line);
        } catch (JsonProcessingException e) {
            throw new BadRecordException(lineNumber, "not valid JSON: " + e.getOriginalMessage());
        }
        if (o == null || !o.isObject()) {
            throw new BadRecordException(lineNumber, "not a JSON object");
        }
        for (String field : new String[] {"prompt_id", "step", "prefix", "token_ids", "weights", "kl_divergence"}) {
            if (!o.hasNonNull(field)) {
                throw new BadRecordException(lineNumber, "missing field '" + field + "'");
            }
        }
        JsonNode ids = o.get("token_ids");
        JsonNode weights = o.get("weights");
        if (!ids.isArray() || !weights.isArray() || ids.size() != weights.size() || ids.isEmpty()) {
            throw new BadRecordException(lineNumber, "token_ids and weights must be non-empty arrays of equal length");
        }
        int step = o.get("step").asInt(-1);
        if (!o.get("step").canConvertToInt() || step < 1) {
            throw new BadRecordException(lineNumber, "step must be an integer >= 1");
        }
        int[] tokenIds = new int[ids.size()];
        double[] w = new double[ids.size()];
        for (int i = 0; i < tokenIds.length; i++) {
            if (!ids.get(i).canConvertToInt() || ids.get(i).asInt() < 0) {
                throw new BadRecordException(lineNumber, "token_ids[" + i + "] is not a token id");
            }
            tokenIds[i] = ids.get(i).asInt();
            w[i] = weights.get(i).asDouble(Double.NaN);
            if (!(w[i] >= 0 && w[i] <= 1)) {
                throw new BadRecordException(lineNumber, "weights[" + i + "] must be in [0, 1]");
            }
        }
        String[] tokens = new String[0];
        if (o.path("tokens").isArray()) {
            tokens = new String[o.get("tokens").size()];
            for (int i = 0; i < tokens.length; i++) {
                tokens[i] = o.get("tokens").get(i).asText();
            }
        }
        return new Record(o.get("prompt_id").asText(), step, o.get("prefix").asText(), tokens, tokenIds, w,
                o.get("kl_divergence").asDouble());
    }
}
