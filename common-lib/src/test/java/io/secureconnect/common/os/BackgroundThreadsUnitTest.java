package io.secureconnect.common.os;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/**
 * Threads of {@link BackgroundThreads} really run at nice 19: the value is read back from the kernel's own account
 * of the thread, {@code /proc/self/task/<tid>/stat}, while the thread is alive.
 */
class BackgroundThreadsUnitTest {

    private static final Path PROC = Path.of("/proc/self/task");

    @Test
    void aThreadOfTheFactoryRunsAtNice19() throws Exception {
        assumeTrue(Files.isDirectory(PROC), "no /proc here (not Linux): nothing to read the nice value from");

        assertThat(niceOfAThreadFrom(BackgroundThreads.atLowestPriority(Thread.ofPlatform().factory())))
                .isEqualTo(19);
    }

    @Test
    void otherThreadsKeepTheirPriority() throws Exception {
        assumeTrue(Files.isDirectory(PROC), "no /proc here (not Linux): nothing to read the nice value from");
        int before = niceOf(ownTid());

        niceOfAThreadFrom(BackgroundThreads.atLowestPriority(Thread.ofPlatform().factory()));

        assertThat(niceOf(ownTid())).as("the thread that made the background thread").isEqualTo(before);
        assertThat(niceOfAThreadFrom(Thread.ofPlatform().factory())).as("a thread of a plain factory")
                .isEqualTo(before);
    }

    @Test
    void niceness0LeavesTheFactoryAsItIs() {
        ThreadFactory threads = Thread.ofPlatform().factory();

        assertThat(BackgroundThreads.atNiceness(0, threads)).isSameAs(threads);
    }

    @Test
    void refusesANicenessLinuxDoesNotHaveOrThatNeedsRoot() {
        ThreadFactory threads = Thread.ofPlatform().factory();

        assertThatThrownBy(() -> BackgroundThreads.atNiceness(20, threads))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> BackgroundThreads.atNiceness(-1, threads))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /** Starts a thread from {@code threads} and reads its nice value from outside while it waits. */
    private static int niceOfAThreadFrom(ThreadFactory threads) throws Exception {
        CompletableFuture<Integer> tid = new CompletableFuture<>();
        CountDownLatch done = new CountDownLatch(1);
        Thread thread = threads.newThread(() -> {
            try {
                tid.complete(ownTid());
                done.await();
            } catch (Exception e) {
                tid.completeExceptionally(e);
            }
        });
        thread.start();
        try {
            return niceOf(tid.get(10, TimeUnit.SECONDS));
        } finally {
            done.countDown();
            thread.join();
        }
    }

    /** /proc/thread-self links to {@code <pid>/task/<tid>}. */
    private static int ownTid() throws IOException {
        return Integer.parseInt(Files.readSymbolicLink(Path.of("/proc/thread-self")).getFileName().toString());
    }

    /** Field 19 of proc(5)'s stat line; counted after the command name, which is in parentheses and may hold spaces. */
    private static int niceOf(int tid) throws IOException {
        String stat = Files.readString(PROC.resolve(Integer.toString(tid)).resolve("stat"));
        String[] afterName = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
        return Integer.parseInt(afterName[19 - 3]);   // afterName[0] is field 3, the state
    }
}
