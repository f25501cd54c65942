// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.metrics;

import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.MetricUnits;

/**
 * The module registry's transfers: {@code capa_registry_uploads_total}, {@code capa_registry_downloads_total}
 * and their sizes {@code capa_registry_uploaded_bytes_total}, {@code capa_registry_downloaded_bytes_total}.
 */
public final class RegistryMetrics {
    private static final Metadata UPLOADS = Metadata.builder().withName("capa.registry.uploads")
            .withDescription("Modules stored in the registry").build();
    private static final Metadata DOWNLOADS = Metadata.builder().withName("capa.registry.downloads")
            .withDescription("Modules downloaded from the registry").build();
    private static final Metadata UPLOADED = Metadata.builder().withName("capa.registry.uploaded")
            .withDescription("Bytes of the modules stored").withUnit(MetricUnits.BYTES).build();
    private static final Metadata DOWNLOADED = Metadata.builder().withName("capa.registry.downloaded")
            .withDescription("Bytes of the modules downloaded").withUnit(MetricUnits.BYTES).build();

    private final Counter uploads;
    private final Counter downloads;
    private final Counter uploaded;
    private final Counter downloaded;

    public RegistryMetrics(MetricRegistry registry) {
        uploads = registry.counter(UPLOADS);
        downloads = registry.counter(DOWNLOADS);
        uploaded = registry.counter(UPLOADED);
        downloaded = registry.counter(DOWNLOADED);
    }

    public long uploads() {
        return uploads.getCount();
    }

    public long downloads() {
        return downloads.getCount();
    }

    public long uploadedBytes() {
        return uploaded.getCount();
    }

    public long downloadedBytes() {
        return downloaded.getCount();
    }

    public void uploaded(long bytes) {
        uploads.inc();
        uploaded.inc(bytes);
    }

    public void downloaded(long bytes) {
        downloads.inc();
        downloaded.inc(bytes);
    }
}
