package dev.imageservice.domain.machine;

public enum MachineState {
    RUNNING("running"),
    STOPPED("stopped");

    private final String wireName;

    MachineState(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static MachineState fromWire(String value) {
        for (MachineState state : values()) {
            if (state.wireName.equals(value)) {
                return state;
            }
        }
        throw new IllegalArgumentException("machine state must be running or stopped; got " + value);
    }
}
