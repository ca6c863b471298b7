package dev.coracle.api.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Breaks a well-formed JSON body one field at a time: a value of the wrong type at any field, a
 * field removed or added, control characters in text, numbers out of range, deep nesting.
 */
final class JsonMutations {
  private JsonMutations() {}

  /** A mutated copy of {@code body} and a short description of what was done. */
  static Mutated mutate(JsonNode body, Random random) {
    JsonNode copy = body.deepCopy();
    List<String> done = new ArrayList<>();
    int count = 1 + random.nextInt(3);
    for (int i = 0; i < count; i++) {
      List<Slot> slots = new ArrayList<>();
      collect(copy, "$", slots);
      if (slots.isEmpty()) {
        break;
      }
      Slot slot = slots.get(random.nextInt(slots.size()));
      done.add(apply(slot, random));
    }
    return new Mutated(copy, String.join(", ", done));
  }

  private static String apply(Slot slot, Random random) {
    JsonNode current = slot.get();
    int pick = random.nextInt(100);
    if (pick < 35) {
      slot.set(EvilValues.any(random));
      return "wrong-value " + slot.path();
    }
    if (pick < 55 && current.isTextual()) {
      slot.set(TextNode.valueOf(EvilValues.inject(current.asText(), random)));
      return "control-chars " + slot.path();
    }
    if (pick < 65) {
      slot.remove();
      return "removed " + slot.path();
    }
    if (pick < 75 && current.isObject()) {
      ((ObjectNode) current).set(EvilValues.string(random), EvilValues.any(random));
      return "unknown-field " + slot.path();
    }
    if (pick < 85) {
      slot.set(EvilValues.NUMBERS.get(random.nextInt(EvilValues.NUMBERS.size())));
      return "number " + slot.path();
    }
    slot.set(TextNode.valueOf(EvilValues.string(random)));
    return "evil-string " + slot.path();
  }

  private static void collect(JsonNode node, String path, List<Slot> slots) {
    if (node instanceof ObjectNode object) {
      for (String name : iterable(object)) {
        slots.add(new Slot(object, name, -1, path + "." + name));
        collect(object.get(name), path + "." + name, slots);
      }
    } else if (node instanceof ArrayNode array) {
      for (int i = 0; i < array.size(); i++) {
        slots.add(new Slot(array, null, i, path + "[" + i + "]"));
        collect(array.get(i), path + "[" + i + "]", slots);
      }
    }
  }

  private static List<String> iterable(ObjectNode object) {
    List<String> names = new ArrayList<>();
    object.fieldNames().forEachRemaining(names::add);
    return names;
  }

  record Mutated(JsonNode body, String description) {}

  /** A place in the tree: a field of an object or an element of an array. */
  private record Slot(JsonNode parent, String field, int index, String path) {
    JsonNode get() {
      return field != null ? parent.get(field) : parent.get(index);
    }

    void set(JsonNode value) {
      if (field != null) {
        ((ObjectNode) parent).set(field, value);
      } else if (index < parent.size()) {
        ((ArrayNode) parent).set(index, value);
      }
    }

    void remove() {
      if (field != null) {
        ((ObjectNode) parent).remove(field);
      } else if (index < parent.size()) {
        ((ArrayNode) parent).remove(index);
      }
    }
  }
}
