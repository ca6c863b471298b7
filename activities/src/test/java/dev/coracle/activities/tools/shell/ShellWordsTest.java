package dev.coracle.activities.tools.shell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.coracle.activities.tools.ToolException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ShellWordsTest {

  @Test
  void words_are_split_on_blanks() {
    assertThat(ShellWords.parse("  mvn  -q\ttest ")).containsExactly("mvn", "-q", "test");
  }

  @Test
  void quotes_and_backslashes_keep_words_together_as_a_shell_would() {
    assertThat(ShellWords.parse("grep -rn 'a b' \"c d\" e\\ f"))
        .containsExactly("grep", "-rn", "a b", "c d", "e f");
    assertThat(ShellWords.parse("echo 'it'\\''s' \"say \\\"hi\\\"\" x\"y\"z"))
        .containsExactly("echo", "it's", "say \"hi\"", "xyz");
    assertThat(ShellWords.parse("printf '' \"\"")).containsExactly("printf", "", "");
  }

  @Test
  void control_characters_inside_quotes_are_plain_text() {
    assertThat(ShellWords.parse("echo 'a; b && c | d > e $(f) `g` $HOME'"))
        .containsExactly("echo", "a; b && c | d > e $(f) `g` $HOME");
    assertThat(ShellWords.parse("echo \"a;b|c&d<e>f\" \\; \\$HOME"))
        .containsExactly("echo", "a;b|c&d<e>f", ";", "$HOME");
  }

  @Test
  void a_dollar_that_expands_nothing_is_kept() {
    assertThat(ShellWords.parse("echo costs 5$ $")).containsExactly("echo", "costs", "5$", "$");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '#',
      value = {
        "ls; rm -rf /#';' to run several commands",
        "make && make install#'&&' to chain commands",
        "test -f x || touch x#'||' to chain commands",
        "cat a | wc -l#a '|' pipeline",
        "sleep 100 &#'&' to run in the background",
        "echo hi > out.txt#a '>' redirection",
        "wc -l < in.txt#a '<' redirection",
        "echo $(id)#'$(' (command substitution)",
        "echo `id`#backticks (command substitution)",
        "echo $AWS_SECRET_ACCESS_KEY#'$AWS_SECRET_ACCESS_KEY' (variable expansion",
        "echo ${HOME}#'${HOME}' (variable expansion",
        "echo \"$(id)\"#'$(' (command substitution)",
        "echo \"`id`\"#backticks (command substitution)",
        "echo \"$HOME\"#'$HOME' (variable expansion",
      })
  void unquoted_shell_syntax_is_refused_with_what_to_do_instead(String command, String what) {
    assertThatThrownBy(() -> ShellWords.parse(command))
        .isInstanceOf(ToolException.class)
        .hasMessageContaining("The command uses " + what)
        .hasMessageContaining("make separate calls");
  }

  @Test
  void a_newline_would_start_a_second_command_and_is_refused() {
    assertThatThrownBy(() -> ShellWords.parse("ls\nrm -rf /"))
        .hasMessageContaining("a newline to run several commands");
  }

  @Test
  void unclosed_quotes_and_empty_commands_are_refused() {
    assertThatThrownBy(() -> ShellWords.parse("echo 'oops"))
        .hasMessageContaining("unclosed single");
    assertThatThrownBy(() -> ShellWords.parse("echo \"oops"))
        .hasMessageContaining("unclosed double");
    assertThatThrownBy(() -> ShellWords.parse("   ")).hasMessageContaining("empty");
  }
}
