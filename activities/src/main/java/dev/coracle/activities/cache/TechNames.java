package dev.coracle.activities.cache;

import java.util.Set;

/**
 * Names of languages, tools, platforms and human languages that people often write in lower case
 * ("how do i do this in rust"), where capitalization cannot show that they are names. Swapping one
 * for another changes the question, however similar the sentences are.
 */
final class TechNames {
  private static final Set<String> NAMES =
      Set.of(
          ("python java javascript typescript golang rust c++ c# kotlin ruby php swift scala"
                  + " haskell elixir erlang clojure perl lua dart julia fortran cobol zig ocaml"
                  + " bash zsh powershell sql mysql postgres postgresql sqlite mariadb oracle"
                  + " mongodb redis cassandra elasticsearch kafka rabbitmq nginx apache docker"
                  + " podman kubernetes k8s helm terraform ansible linux windows macos ubuntu debian"
                  + " fedora centos android ios react vue angular svelte node node.js deno"
                  + " django flask fastapi rails laravel spring nextjs next.js jest mocha"
                  + " pytest junit vim neovim emacs vscode intellij eclipse git github gitlab npm"
                  + " yarn pnpm pip maven gradle cargo http https tcp udp ssh ftp dns aws gcp azure"
                  + " english spanish french german portuguese chinese japanese italian russian"
                  + " celsius fahrenheit kelvin usd eur gbp jpy json yaml xml csv toml html css"
                  + " graphql grpc soap")
              .split(" "));

  private TechNames() {}

  static boolean isNamed(String lowerCaseWord) {
    return NAMES.contains(lowerCaseWord);
  }
}
