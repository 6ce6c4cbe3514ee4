package io.secureconnect.storage;

import java.io.ByteArrayInputStream;

import io.minio.PutObjectArgs;
import io.minio.StatObjectArgs;
import io.minio.errors.ErrorResponseException;
import io.secureconnect.testsupport.s3.S3TestServer;

/**
 * Direct access to the service's bucket on the test S3, behind the service's back: to check what is really stored,
 * and to store what a misbehaving client (or a crash) could leave there.
 */
public record BucketContents(S3TestServer s3, String bucket) {

    public void put(String key, byte[] bytes) throws Exception {
        s3.minioClient().putObject(PutObjectArgs.builder().bucket(bucket).object(key)
                .stream(new ByteArrayInputStream(bytes), (long) bytes.length, -1L).build());
    }

    public boolean exists(String key) throws Exception {
        try {
            s3.minioClient().statObject(StatObjectArgs.builder().bucket(bucket).object(key).build());
            return true;
        } catch (ErrorResponseException e) {
            return false;
        }
    }
}
