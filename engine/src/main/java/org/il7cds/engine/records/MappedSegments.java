package org.il7cds.engine.records;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;

/**
 * Unmaps a journal segment once the journal is done with it. Java has no public API for it: a mapping goes when the
 * garbage collector collects its buffer, and a long-lived buffer may wait for a rare old-generation collection,
 * while deleted segments keep their 16 MiB on disk as long as they are mapped. So this uses what the JDK keeps
 * for the purpose, {@code sun.misc.Unsafe.invokeCleaner} (module jdk.unsupported, as Lucene and Netty do), through
 * reflection; where it is missing, the mapping is left to the collector. The buffer must never be touched again.
 */
final class MappedSegments {

    private static final Object UNSAFE;
    private static final Method INVOKE_CLEANER;

    static {
        Object unsafe = null;
        Method cleaner = null;
        try {
            Class<?> type = Class.forName("sun.misc.Unsafe");
            Field the = type.getDeclaredField("theUnsafe");
            the.setAccessible(true);
            unsafe = the.get(null);
            cleaner = type.getMethod("invokeCleaner", ByteBuffer.class);
        } catch (ReflectiveOperationException | RuntimeException e) {
            unsafe = null;
            cleaner = null;
        }
        UNSAFE = unsafe;
        INVOKE_CLEANER = cleaner;
    }

    private MappedSegments() {
    }

    /** Unmaps {@code buffer} now if the JDK allows it; returns whether it did. */
    static boolean unmap(MappedByteBuffer buffer) {
        if (INVOKE_CLEANER == null) {
            return false;
        }
        try {
            INVOKE_CLEANER.invoke(UNSAFE, buffer);
            return true;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return false;
        }
    }
}
