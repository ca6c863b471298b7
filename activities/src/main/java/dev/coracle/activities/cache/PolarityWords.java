package dev.coracle.activities.cache;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Words that flip a question into its opposite while the sentence embedding barely moves: "which is
 * faster" and "which is slower" are 0.97 similar. Each pair is two sides of one axis; two prompts
 * that take opposite sides of an axis ask different things.
 */
final class PolarityWords {
  /** Each line: one axis, its two sides separated by '|', the words of a side by ','. */
  private static final String[] AXES = {
    "enable,enabled,enables,enabling,turn on,switch on|disable,disabled,disables,disabling,turn"
        + " off,switch off",
    "fast,faster,fastest,quick,quicker,quickest|slow,slower,slowest",
    "add,adds,added,adding,create,creates,created,insert|drop,drops,dropped,remove,removes,removed,"
        + "removing,delete,deletes,deleted,deleting",
    "min,minimum,smallest,lowest,least,minimal|max,maximum,largest,biggest,highest,most,maximal",
    "ascending,asc|descending,desc",
    "increase,increases,increasing|decrease,decreases,decreasing,reduce",
    "install,installs,installed,installing|uninstall,uninstalls,uninstalled,uninstalling",
    "show,shows,showing,display|hide,hides,hiding",
    "encrypt,encrypts,encrypted,encryption|decrypt,decrypts,decrypted,decryption",
    "start,starts,started,starting|stop,stops,stopped,stopping",
    "import,imports,importing|export,exports,exporting",
    "first|last",
    "upper,uppercase|lower,lowercase",
    "lock,locks,locked,locking|unlock,unlocks,unlocked,unlocking",
    "allow,allows,allowed,permit|deny,denies,denied,block,forbid",
    "best|worst",
    "push,pushes,pushing|pull,pulls,pulling",
    "more|less,fewer",
    "bigger,larger|smaller",
    "top|bottom",
    "open,opens,opening|close,closes,closing",
    "include,includes,including|exclude,excludes,excluding",
    "single|multi,multiple",
    "mount,mounts,mounted|unmount,unmounts,unmounted",
    "compress,compresses,compressing,zip|extract,decompress,unzip",
    "before|after",
    "true|false",
    "encode,encodes,encoding|decode,decodes,decoding",
    "serialize,serialization|deserialize,deserialization",
    "success,successful,succeed|failure,fail,fails,failed",
    "inner|outer",
    "sync,synchronous|async,asynchronous",
    "public|private",
    "read|write",
    "client|server",
    "horizontal,horizontally|vertical,vertically",
    "connect,connects,connected|disconnect,disconnects,disconnected",
    "login,log in,sign in|logout,log out,sign out",
    "upload,uploads|download,downloads",
    "zoom in|zoom out",
    "round up|round down",
    "scale up|scale down",
  };

  /** A single word or two-word phrase and the axis side it names, e.g. "slower" → "1:1". */
  private static final Map<String, String> SIDES = new HashMap<>();

  static {
    for (int axis = 0; axis < AXES.length; axis++) {
      String[] sides = AXES[axis].split("\\|");
      for (int side = 0; side < sides.length; side++) {
        for (String word : sides[side].split(",")) {
          SIDES.put(word.strip(), axis + ":" + side);
        }
      }
    }
  }

  private PolarityWords() {}

  /**
   * True when the two prompts take opposite sides of one axis ("faster" and "slower"). A side one
   * names and the other leaves out is no conflict: "how do I see the log" asks what "how do I show
   * the log" does.
   */
  static boolean conflict(Set<String> a, Set<String> b) {
    for (String side : a) {
      String axis = side.substring(0, side.indexOf(':'));
      for (String other : b) {
        if (other.startsWith(axis + ":") && !other.equals(side)) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * The axis sides named by a prompt's words (lower case, split on spaces). A two-word phrase
   * ("turn on") counts instead of its single words.
   */
  static Set<String> sides(String[] words) {
    Set<String> found = new HashSet<>();
    for (int i = 0; i < words.length; i++) {
      if (i + 1 < words.length) {
        String phrase = SIDES.get(words[i] + " " + words[i + 1]);
        if (phrase != null) {
          found.add(phrase);
          i++;
          continue;
        }
      }
      String side = SIDES.get(words[i]);
      if (side != null) {
        found.add(side);
      }
    }
    return found;
  }
}
