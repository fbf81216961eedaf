package com.marketreactions.common;

import java.util.Optional;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;

/**
 * Makes the Avro serdes of the topics. Production uses the schema registry ({@link RegistrySerdes});
 * topology unit tests use {@link PlainAvroSerdes}, which writes the same Avro binary without a registry.
 */
public interface SerdeFactory {

    <T extends SpecificRecord> Serde<T> avro(Class<T> type);

    /** The registry client whose caches these serdes use, if they use a registry. */
    default Optional<SchemaRegistryClient> registry() {
        return Optional.empty();
    }
}
