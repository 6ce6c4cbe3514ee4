package io.secureconnect.bench.gateway;

import io.secureconnect.bench.BenchmarkFailure;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A redis-server of the benchmark's own for the gateway's rate limits, so the measurement does not depend on what
 * else uses the machine's shared Redis (other benchmarks and test suites do).
 */
final class PrivateRedis {

    private PrivateRedis() {
    }

    static ChildProcess start(Path work, int port) throws IOException, BenchmarkFailure, InterruptedException {
        ChildProcess redis = ChildProcess.start("redis", List.of("redis-server", "--bind", "127.0.0.1", "--port",
                Integer.toString(port), "--save", "", "--appendonly", "no"), Map.of(), work);
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (System.nanoTime() < deadline) {
            if (answersPing(port)) {
                return redis;
            }
            Thread.sleep(100);
        }
        redis.close();
        throw new BenchmarkFailure("redis-server did not answer PING on port " + port
                + " within 20 s (is redis-server installed? or pass --redis URL)");
    }

    private static boolean answersPing(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            socket.setSoTimeout(500);
            OutputStream out = socket.getOutputStream();
            out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] answer = in.readNBytes(7);
            return new String(answer, StandardCharsets.US_ASCII).startsWith("+PONG");
        } catch (IOException e) {
            return false;
        }
    }
}
