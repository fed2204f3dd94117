package dev.imageservice.domain.image;

import java.util.regex.Pattern;

/** Image version string: the reference allows 512 characters (the contract says 128). */
public record ImageVersion(String value) {

    private static final TextRule RULE = new TextRule("version", 512, Pattern.compile("^[A-Za-z0-9._/+-]+$"));

    public ImageVersion {
        RULE.check(value);
    }

    public static ImageVersion of(String value) {
        return new ImageVersion(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
