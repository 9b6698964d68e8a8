package pitwall.data;

/** A constructor (team). */
public record Constructor(int constructorId, String constructorRef, String name, String nationality) {}
