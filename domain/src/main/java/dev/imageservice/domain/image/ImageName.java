package dev.imageservice.domain.image;

import java.util.regex.Pattern;

/** Image name: the reference allows 1024 characters (the contract says 512). */
public record ImageName(String value) {

    private static final TextRule RULE = new TextRule("name", 1024, Pattern.compile("^[A-Za-z0-9._/ -]+$"));

    public ImageName {
        RULE.check(value);
    }

    public static ImageName of(String value) {
        return new ImageName(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
