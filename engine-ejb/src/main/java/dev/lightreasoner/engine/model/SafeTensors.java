package dev.lightreasoner.engine.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Our own safetensors reader and writer. Tensors are memory-mapped one by one (so files over 2 GiB work)
 * and handed out as little-endian fp32 buffers: F32 without a copy, F16 and BF16 converted in Java
 * (DJL's PyTorch engine aborts the JVM on any BF16 tensor, so one is never created).
 */
public final class SafeTensors {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Where one tensor lives. */
    public record Entry(Path file, String dtype, long[] shape, long offset, long length) {
        public long elements() {
            long n = 1;
            for (long d : shape) {
                n *= d;
            }
            return n;
        }
    }

    private final Map<String, Entry> entries;

    private SafeTensors(Map<String, Entry> entries) {
        this.entries = entries;
    }

    /** Opens {@code model.safetensors} or the shards listed in {@code model.safetensors.index.json}. */
    public static SafeTensors openFolder(Path folder) throws IOException {
        Path single = folder.resolve("model.safetensors");
        Path index = folder.resolve("model.safetensors.index.json");
        Map<String, Entry> all = new LinkedHashMap<>();
        if (Files.exists(index)) {
            JsonNode weightMap = JSON.readTree(index.toFile()).get("weight_map");
            if (weightMap == null) {
                throw new IOException(index + " has no weight_map");
            }
            Set<String> shards = new java.util.TreeSet<>();
            weightMap.forEach(n -> shards.add(n.asText()));
            for (String shard : shards) {
                all.putAll(readHeader(folder.resolve(shard)));
            }
        } else if (Files.exists(single)) {
            all.putAll(readHeader(single));
        } else {
            throw new NoSuchFileException(single.toString(), null,
                    "no model.safetensors nor model.safetensors.index.json in " + folder);
        }
        return new SafeTensors(all);
    }

    public static SafeTensors open(Path file) throws IOException {
        return new SafeTensors(readHeader(file));
    }

    public Set<String> names() {
        return entries.keySet();
    }

    public Entry entry(String name) {
        Entry e = entries.get(name);
        if (e == null) {
            throw new IllegalArgumentException("missing tensor '" + name + "'");
        }
        return e;
    }

    /**
     * The tensor as a little-endian fp32 buffer. F32: the mapped file itself (no copy). F16/BF16: converted into one
     * direct buffer, reading the file in chunks rather than mapping it, so a checkpoint is never resident twice.
     */
    public ByteBuffer float32(String name, long... expectedShape) throws IOException {
        Entry e = requireShape(name, expectedShape);
        try (FileChannel ch = FileChannel.open(e.file(), StandardOpenOption.READ)) {
            switch (e.dtype()) {
                case "F32":
                    return ch.map(FileChannel.MapMode.READ_ONLY, e.offset(), e.length()).order(ByteOrder.LITTLE_ENDIAN);
                case "BF16":
                case "F16":
                    return widened(ch, e);
                default:
                    throw new IllegalArgumentException("tensor '" + name + "' has dtype " + e.dtype()
                            + "; only F32, F16 and BF16 are supported");
            }
        }
    }

    /** The entry, after checking its shape (when one is expected). */
    public Entry requireShape(String name, long... expectedShape) {
        Entry e = entry(name);
        if (expectedShape.length > 0 && !Arrays.equals(expectedShape, e.shape())) {
            throw new IllegalArgumentException("tensor '" + name + "' has shape " + Arrays.toString(e.shape())
                    + ", expected " + Arrays.toString(expectedShape));
        }
        return e;
    }

    private static final int CHUNK_BYTES = 8 << 20;

    /** 16-bit floats to fp32 bits, chunk by chunk: bf16 is the upper half of an fp32, f16 is widened. */
    private static ByteBuffer widened(FileChannel ch, Entry e) throws IOException {
        boolean bf16 = e.dtype().equals("BF16");
        ByteBuffer out = ByteBuffer.allocateDirect(Math.toIntExact(e.elements() * 4)).order(ByteOrder.LITTLE_ENDIAN);
        IntBuffer outBits = out.asIntBuffer();
        ByteBuffer chunk = ByteBuffer.allocate(CHUNK_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        short[] halves = new short[CHUNK_BYTES / 2];
        int[] bits = new int[CHUNK_BYTES / 2];
        for (long done = 0; done < e.length(); ) {
            chunk.clear().limit((int) Math.min(CHUNK_BYTES, e.length() - done));
            while (chunk.hasRemaining()) {
                if (ch.read(chunk, e.offset() + done + chunk.position()) < 0) {
                    throw new IOException(e.file() + " ends inside a tensor");
                }
            }
            chunk.flip();
            int count = chunk.remaining() / 2;
            chunk.asShortBuffer().get(halves, 0, count);
            for (int i = 0; i < count; i++) {
                bits[i] = bf16 ? (halves[i] & 0xFFFF) << 16 : Float.floatToRawIntBits(halfToFloat(halves[i]));
            }
            outBits.put(bits, 0, count);
            done += chunk.limit();
        }
        return out;
    }

    /** The tensor as a Java float array (tests and small tensors). */
    public float[] floats(String name) throws IOException {
        FloatBuffer fb = float32(name).asFloatBuffer();
        float[] out = new float[fb.remaining()];
        fb.get(out);
        return out;
    }

    private static Map<String, Entry> readHeader(Path file) throws IOException {
        Map<String, Entry> out = new LinkedHashMap<>();
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            ByteBuffer len = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
            if (size < 8 || ch.read(len, 0) != 8) {
                throw new IOException(file + " is not a safetensors file (too short)");
            }
            long headerLength = len.getLong(0);
            if (headerLength <= 0 || headerLength > 100_000_000 || 8 + headerLength > size) {
                throw new IOException(file + " is not a safetensors file (header length " + headerLength + ")");
            }
            ByteBuffer header = ByteBuffer.allocate((int) headerLength);
            ch.read(header, 8);
            JsonNode root = JSON.readTree(new String(header.array(), StandardCharsets.UTF_8));
            long base = 8 + headerLength;
            for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> t = it.next();
                if (t.getKey().equals("__metadata__")) {
                    continue;
                }
                JsonNode shapeNode = t.getValue().get("shape");
                long[] shape = new long[shapeNode.size()];
                for (int i = 0; i < shape.length; i++) {
                    shape[i] = shapeNode.get(i).asLong();
                }
                long start = t.getValue().get("data_offsets").get(0).asLong();
                long end = t.getValue().get("data_offsets").get(1).asLong();
                if (base + end > size || start > end) {
                    throw new IOException(file + ": tensor '" + t.getKey() + "' lies outside the file (truncated?)");
                }
                out.put(t.getKey(), new Entry(file, t.getValue().get("dtype").asText(), shape, base + start, end - start));
            }
        }
        return out;
    }

    /** A tensor to write: fp32 values, shape, and the dtype to store ("F32", "F16" or "BF16"). */
    public record Tensor(float[] values, long[] shape, String dtype) {
    }

    /** Writes tensors in safetensors format (header padded to 8 bytes, data in insertion order). */
    public static void write(Path file, Map<String, Tensor> tensors) throws IOException {
        Map<String, Header> headers = new LinkedHashMap<>();
        tensors.forEach((name, t) -> headers.put(name, new Header(t.shape(), t.dtype())));
        write(file, headers, name -> tensors.get(name).values());
    }

    /** Shape and stored dtype ("F32", "F16" or "BF16") of a tensor to write. */
    public record Header(long[] shape, String dtype) {
        long bytes() {
            return Arrays.stream(shape).reduce(1, (a, b) -> a * b) * ("F32".equals(dtype) ? 4 : 2);
        }
    }

    /** Produces a tensor's fp32 values when it is written (one tensor in memory at a time). */
    @FunctionalInterface
    public interface Source {
        float[] values(String name) throws IOException;
    }

    /** Streams tensors to a file in header order: memory holds one tensor at a time, any total size. */
    public static void write(Path file, Map<String, Header> headers, Source source) throws IOException {
        ObjectNode header = JSON.createObjectNode();
        long offset = 0;
        for (Map.Entry<String, Header> t : headers.entrySet()) {
            long bytes = t.getValue().bytes();
            ObjectNode node = header.putObject(t.getKey());
            node.put("dtype", t.getValue().dtype());
            var shape = node.putArray("shape");
            for (long d : t.getValue().shape()) {
                shape.add(d);
            }
            node.putArray("data_offsets").add(offset).add(offset + bytes);
            offset += bytes;
        }
        byte[] json = JSON.writeValueAsBytes(header);
        int padded = (json.length + 7) / 8 * 8;
        try (OutputStream out = new java.io.BufferedOutputStream(Files.newOutputStream(file), 1 << 20)) {
            ByteBuffer len = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(padded);
            out.write(len.array());
            out.write(json);
            for (int i = json.length; i < padded; i++) {
                out.write(' ');
            }
            for (Map.Entry<String, Header> t : headers.entrySet()) {
                String dtype = t.getValue().dtype();
                float[] values = source.values(t.getKey());
                if (values.length * ("F32".equals(dtype) ? 4L : 2L) != t.getValue().bytes()) {
                    throw new IllegalArgumentException("tensor '" + t.getKey() + "' has " + values.length
                            + " values, its shape says " + Arrays.toString(t.getValue().shape()));
                }
                ByteBuffer data = ByteBuffer.allocate(values.length * ("F32".equals(dtype) ? 4 : 2))
                        .order(ByteOrder.LITTLE_ENDIAN);
                for (float v : values) {
                    switch (dtype) {
                        case "F32" -> data.putFloat(v);
                        case "F16" -> data.putShort(floatToHalf(v));
                        case "BF16" -> data.putShort(toBf16(v));
                        default -> throw new IllegalArgumentException("cannot write dtype " + dtype);
                    }
                }
                out.write(data.array());
            }
        }
    }

    /** IEEE half to float (Java 17 has no Float.float16ToFloat). */
    static float halfToFloat(short h) {
        int bits = h & 0xFFFF;
        int sign = (bits & 0x8000) << 16;
        int exp = (bits >>> 10) & 0x1F;
        int mant = bits & 0x3FF;
        if (exp == 0x1F) {
            return Float.intBitsToFloat(sign | 0x7F800000 | (mant << 13)); // inf or NaN
        }
        if (exp == 0) {
            float f = mant * 0x1p-24f; // subnormal (or zero)
            return sign == 0 ? f : -f;
        }
        return Float.intBitsToFloat(sign | ((exp - 15 + 127) << 23) | (mant << 13));
    }

    /** float to IEEE half, round-to-nearest-even (used by tests that write F16 files). */
    static short floatToHalf(float f) {
        int bits = Float.floatToRawIntBits(f);
        int sign = (bits >>> 16) & 0x8000;
        float abs = Math.abs(f);
        if (Float.isNaN(f)) {
            return (short) (sign | 0x7E00);
        }
        if (abs >= 65520f) {
            return (short) (sign | 0x7C00);
        }
        if (abs < 0x1p-14f) { // subnormal half: multiples of 2^-24
            return (short) (sign | (int) Math.rint(abs * 0x1p24f));
        }
        int e = ((bits >>> 23) & 0xFF) - 127 + 15;
        int mant = bits & 0x7FFFFF;
        int half = (e << 10) | (mant >>> 13);
        int rest = mant & 0x1FFF;
        if (rest > 0x1000 || (rest == 0x1000 && (half & 1) == 1)) {
            half++;
        }
        return (short) (sign | half);
    }

    /** fp32 to bf16 with round-to-nearest-even, as torch does. */
    static short toBf16(float v) {
        int bits = Float.floatToRawIntBits(v);
        if (Float.isNaN(v)) {
            return (short) 0x7FC0;
        }
        int rounding = 0x7FFF + ((bits >>> 16) & 1);
        return (short) ((bits + rounding) >>> 16);
    }
}
