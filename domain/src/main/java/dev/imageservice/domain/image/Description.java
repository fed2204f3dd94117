package dev.imageservice.domain.image;

public record Description(String value) {

    private static final TextRule RULE = new TextRule("description", 10240, null);

    public Description {
        RULE.check(value);
    }

    public static Description of(String value) {
        return new Description(value);
    }
}
