package io.secureconnect.bench.load;

/** A response arrived, but not with a 2xx status: counted as a {@link FailureKind#NON_2XX} error. */
public final class UnexpectedStatusException extends Exception {

    private final int status;

    public UnexpectedStatusException(int status) {
        super("HTTP status " + status, null, false, false);
        this.status = status;
    }

    public static void requireSuccess(int status) throws UnexpectedStatusException {
        if (status < 200 || status > 299) {
            throw new UnexpectedStatusException(status);
        }
    }

    public int status() {
        return status;
    }
}
