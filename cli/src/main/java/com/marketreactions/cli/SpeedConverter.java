package com.marketreactions.cli;

import com.marketreactions.producers.files.Pacer;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** {@code --speed max|N}: as fast as possible, or N times real time by event time. */
final class SpeedConverter implements ITypeConverter<Pacer> {

    @Override
    public Pacer convert(String value) {
        if (value.equalsIgnoreCase("max")) {
            return Pacer.MAX;
        }
        try {
            return Pacer.speed(Double.parseDouble(value));
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException("'" + value + "' is not max or a positive number (times real time)");
        }
    }
}
