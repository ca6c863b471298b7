package dev.coracle.activities.guard;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SecretRedactorTest {

  private final SecretRedactor redactor = new SecretRedactor(Map.of());

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "openai_key, sk-proj-Ab3dEf6hIj9kLm2nOp5qRs8tUv1wXy4z_AbCdEf-12",
    "openai_key, sk-4f9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d3e2f1a0b9c8d7e",
    "anthropic_key, sk-ant-api03-Zx9Yw8Vu7Ts6Rq5Po4Nm3Lk2Ji1Hg0Fe-AbCd",
    "groq_key, gsk_8hT2kLp9Qz4Xv7Bn3Mw6Rc1Yd5Fg0Js2Ha",
    "google_key, AIzaSyD3x8Kq2Lm9Vn4Bp7Wc1Zr6Tg5Yh0Jf2Ue",
    "github_token, ghp_1a2B3c4D5e6F7g8H9i0J1k2L3m4N5o6P7q8R",
    "github_token, github_pat_11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyz",
    "slack_token, xoxb-1234567890-0987654321-AbCdEfGhIjKl",
    "aws_access_key, AKIAIOSFODNN7EXAMPLE",
    "stripe_key, sk_live_4eC39HqLyjWDarjtT1zdp7dc",
    "huggingface_token, hf_aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789",
    "jwt, eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U"
  })
  void replaces_a_key_of_a_well_known_shape_and_names_its_kind(String kind, String key) {
    Redacted redacted = redactor.redact("client = Client(\"" + key + "\")  # do not commit");

    assertThat(redacted.text())
        .isEqualTo("client = Client(\"[REDACTED:" + kind + "]\")  # do not commit");
    assertThat(redacted.counts()).isEqualTo(Map.of(kind, 1));
  }

  @Test
  void a_dotenv_file_keeps_its_key_names_and_loses_every_secret_value() {
    String env =
        """
        # local settings
        OPENAI_API_KEY=sk-proj-Ab3dEf6hIj9kLm2nOp5qRs8tUv1wXy4z_AbCdEf-12
        export STRIPE_SECRET="whsec_0123456789abcdef"
        DB_PASSWORD=hunter22
        SMTP_PASS='p@ss w0rd'
        DATABASE_URL=postgres://app:s3cr3t-pw@db.internal:5432/app
        PORT=8080
        LOG_LEVEL=debug
        PRIMARY_KEY=id
        """;

    Redacted redacted = redactor.redact(env);

    assertThat(redacted.text())
        .isEqualTo(
            """
            # local settings
            OPENAI_API_KEY=[REDACTED:openai_key]
            export STRIPE_SECRET="[REDACTED:env_secret]"
            DB_PASSWORD=[REDACTED:env_secret]
            SMTP_PASS='[REDACTED:env_secret]'
            DATABASE_URL=postgres://app:[REDACTED:url_password]@db.internal:5432/app
            PORT=8080
            LOG_LEVEL=debug
            PRIMARY_KEY=id
            """);
    assertThat(redacted.counts())
        .isEqualTo(Map.of("openai_key", 1, "env_secret", 3, "url_password", 1));
  }

  @Test
  void a_private_key_block_loses_its_body_and_keeps_its_armour_lines() {
    String pem =
        """
        key = '''
        -----BEGIN OPENSSH PRIVATE KEY-----
        b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW
        QyNTUxOQAAACDm3v8Xq0wQqG1qg1ZC9q7Y8zZtP0c5p4bYw6Xr1GzS5wAAAJg=
        -----END OPENSSH PRIVATE KEY-----
        '''
        """;

    Redacted redacted = redactor.redact(pem);

    assertThat(redacted.text())
        .isEqualTo(
            """
            key = '''
            -----BEGIN OPENSSH PRIVATE KEY-----
            [REDACTED:private_key]
            -----END OPENSSH PRIVATE KEY-----
            '''
            """);
    assertThat(redacted.counts()).isEqualTo(Map.of("private_key", 1));
  }

  @Test
  void a_private_key_whose_end_line_was_cut_off_still_loses_its_body() {
    String cut = "-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA0Z3VS5JJcds3xfn/ygWyF8Pb\nnk2";

    Redacted redacted = redactor.redact(cut);

    assertThat(redacted.text())
        .isEqualTo("-----BEGIN RSA PRIVATE KEY-----\n[REDACTED:private_key]");
  }

  @Test
  void credentials_in_headers_and_aws_config_are_replaced() {
    String text =
        """
        curl -H "Authorization: Bearer 9f8e7d6c5b4a39281706f5e4d3c2b1a0" https://api.example.com
        Authorization: Basic dXNlcjpwYXNzd29yZA==
        [default]
        aws_access_key_id = AKIAIOSFODNN7EXAMPLE
        aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY
        """;

    Redacted redacted = redactor.redact(text);

    assertThat(redacted.text())
        .isEqualTo(
            """
            curl -H "Authorization: Bearer [REDACTED:bearer_token]" https://api.example.com
            Authorization: Basic [REDACTED:basic_auth]
            [default]
            aws_access_key_id = [REDACTED:aws_access_key]
            aws_secret_access_key = [REDACTED:aws_secret_key]
            """);
  }

  @Test
  void a_string_literal_assigned_to_a_secret_name_is_replaced_but_a_reference_is_not() {
    String code =
        """
        {"api_key": "a1b2c3d4e5f6a7b8", "token": "${GROQ_API_KEY}", "max_tokens": 1000}
        password = "correct-horse-battery"
        """;

    assertThat(redactor.redact(code).text())
        .isEqualTo(
            """
            {"api_key": "[REDACTED:secret_literal]", "token": "${GROQ_API_KEY}", "max_tokens": 1000}
            password = "[REDACTED:secret_literal]"
            """);
  }

  @Test
  void the_value_of_a_secret_environment_variable_is_replaced_wherever_it_appears() {
    SecretRedactor withEnvironment =
        new SecretRedactor(
            Map.of(
                "GROQ_API_KEY", "not-a-known-shape-42",
                "MY_TOKEN", "short",
                "HOME", "/home/someone-with-a-long-name",
                "SSH_KEY", "/home/someone/.ssh/id_ed25519",
                "PWD", "/work/project"));

    Redacted redacted =
        withEnvironment.redact(
            "echo not-a-known-shape-42 short in /home/someone-with-a-long-name at /work/project");

    assertThat(redacted.text())
        .isEqualTo(
            "echo [REDACTED:env_value] short in /home/someone-with-a-long-name at /work/project");
    assertThat(redacted.counts()).isEqualTo(Map.of("env_value", 1));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiterString = " => ",
      value = {
        "grep's path and line => .env:3: DB_PASSWORD=hunter22",
        "grep's context line => config/.env-2-DB_PASSWORD=hunter22",
        "an added diff line => +DB_PASSWORD=hunter22",
        "a removed diff line => -DB_PASSWORD=hunter22",
        "export => export DB_PASSWORD=hunter22",
        "a numbered line => '    12\tDB_PASSWORD=hunter22'",
        "a YAML list item => '  - DB_PASSWORD=hunter22'",
        "docker inspect's JSON => '        \"DB_PASSWORD=hunter22\",'",
        "double quotes with a space => 'DB_PASSWORD=\"hunter 22\"'",
        "single quotes => DB_PASSWORD='hunter22'",
        "a comment after it => DB_PASSWORD=hunter22   # rotate monthly",
        "a Windows line end => 'DB_PASSWORD=hunter22\r'"
      })
  void an_env_secret_behind_any_prefix_loses_its_value(String form, String line) {
    Redacted redacted = redactor.redact("before\n" + line + "\nafter");

    assertThat(redacted.text()).doesNotContain("hunter").contains("[REDACTED:env_secret]");
    assertThat(redacted.counts()).isEqualTo(Map.of("env_secret", 1));
  }

  @Test
  void yaml_properties_and_json_secrets_lose_their_values_behind_a_grep_prefix() {
    String grep =
        """
        config/app.yml:7:   password: s3cr3t-Pa55
        config/app.yml:9:   api_key: 9f8e7d6c5b4a3928
        src/main/resources/application.properties:4:spring.datasource.password=Pr0d-pa55word
        settings.json:2:   "client_secret": "Zq8xW3vL0pR5tY7u",
        settings.json:3:   "token": "${GITHUB_TOKEN}"
        """;

    assertThat(redactor.redact(grep).text())
        .isEqualTo(
            """
            config/app.yml:7:   password: [REDACTED:config_secret]
            config/app.yml:9:   api_key: [REDACTED:config_secret]
            src/main/resources/application.properties:4:spring.datasource.password=[REDACTED:config_secret]
            settings.json:2:   "client_secret": "[REDACTED:secret_literal]",
            settings.json:3:   "token": "${GITHUB_TOKEN}"
            """);
  }

  @Test
  void code_that_names_a_secret_without_holding_one_is_left_alone() {
    String code =
        """
        def login(password: str, token: Optional[str] = None):
        interface Credentials { password: string; token: string }
          password: required
        myDB_PASSWORD=compute()
        API_KEY=os.environ["OPENAI_API_KEY"]
        DB_PASSWORD=${DB_PASSWORD}
        PRIMARY_KEY=id
        """;

    assertThat(redactor.redact(code)).isEqualTo(Redacted.untouched(code));
  }

  @Test
  void a_key_inside_a_longer_token_or_one_character_too_long_is_left_alone() {
    String text =
        "xsk-proj-Ab3dEf6hIj9kLm2nOp5qRs8tUv1wXy4z risk-assessment-report-2024-q3-final"
            + " AKIAIOSFODNN7EXAMPLEX sk-no-digits-in-this-one-at-all";

    assertThat(redactor.redact(text)).isEqualTo(Redacted.untouched(text));
  }

  @Test
  void keys_separated_by_one_character_are_each_replaced() {
    String keys =
        "AKIAIOSFODNN7EXAMPLE,AKIAIOSFODNN7EXAMPLE ghp_1a2B3c4D5e6F7g8H9i0J1k2L3m4N5o6P7q8R";

    assertThat(redactor.redact(keys).text())
        .isEqualTo("[REDACTED:aws_access_key],[REDACTED:aws_access_key] [REDACTED:github_token]");
  }

  @Test
  void code_without_secrets_comes_out_identical() {
    String java =
        """
        @Singleton
        public class TokenCounter {
          private static final String API_KEY_HEADER = "x-api-key";
          private final Map<String, Integer> tokens = new HashMap<>();

          String cacheKey(String prompt) {
            String token = tokenizer.next(prompt);
            String apiKey = System.getenv("OPENAI_API_KEY");
            return "sk-" + token + ":" + apiKey.length();
          }
        }
        """;
    String python =
        """
        import os, getpass

        API_KEY = os.environ["OPENAI_API_KEY"]
        SECRET_KEY = os.getenv("DJANGO_SECRET_KEY")
        PRIMARY_KEY = "user_id"
        password = getpass.getpass()
        max_tokens = 1000

        def connect(url="postgres://localhost:5432/app", token=None):
            headers = {"Authorization": f"Bearer {token}"}
            return requests.get(url, headers=headers, timeout=10)  # risk-assessment-report
        """;

    assertThat(redactor.redact(java)).isEqualTo(Redacted.untouched(java));
    assertThat(redactor.redact(python)).isEqualTo(Redacted.untouched(python));
  }
}
