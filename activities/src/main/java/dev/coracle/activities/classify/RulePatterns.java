package dev.coracle.activities.classify;

import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The regular expressions of {@link RulesClassifier}, all matched against lower-case text. */
final class RulePatterns {
  /** Strong status rules only fire on short questions; long prompts carry work, not questions. */
  static final int SHORT = 160;

  static final Pattern SMALL_TALK =
      Pattern.compile(
          "(hi|hello|hey|yo|hiya|thanks|thank you|thx|ty|ok|okay|cool|great|nice|perfect|bye"
              + "|good (morning|night|evening|afternoon)|merci( beaucoup)?|gracias|danke( schön)?"
              + "|obrigad[oa]|bonjour|hola|hallo|ciao|你好|(谢谢|多谢|感谢)[^，。,.？?]{0,8})[\\s!.,:)！。]*");

  /** A request that starts with a verb that asks for work to be done. */
  static final Pattern IMPERATIVE =
      Pattern.compile(
          "(please\\s+|can you\\s+|could you\\s+)?(fix|implement|add|write|create|build|make"
              + "|refactor|migrate|debug|set up|setup|design|port|convert|update|upgrade|bump"
              + "|rewrite|generate|replace|remove|delete|rename|split|extract|clean up|optimi[sz]e"
              + "|improve|integrate|investigate|find and fix|go through|apply|continue|proceed)\\b");

  static final Pattern HOW_TO = Pattern.compile("(how (do|can|should|would) (i|you|we)|how to)\\b");

  static final List<Pattern> STRONG_FAST =
      patterns("\\bstatus codes?\\b", "\\bhttp (status )?[1-5]\\d\\d\\b");

  private static final String NOT_OUR_JOB =
      "(?<!cron |ci |jenkins |kubernetes |k8s |batch |actions |pipeline |gitlab |github |spark "
          + "|sql |print |bash |shell |scheduled |etl |airflow |docker |background |a )";

  static final List<Pattern> STRONG_STATUS =
      patterns(
          "^/(status|jobs?)\\b",
          "^(status|progress|jobs|my jobs|job status|eta)\\s*[?.!]*$",
          NOT_OUR_JOB + "\\bjob\\s+#?(?=[0-9a-f-]*[0-9])[0-9a-f][0-9a-f-]{0,35}\\b",
          "\\b(is|are|has|have|did|was|were)\\s+(my|our|the|your|all|any)\\s+(?:[\\w-]+\\s+){0,4}"
              + NOT_OUR_JOB
              + "(jobs?|tasks?)\\b(?! (in|on|of) (bash|the shell|linux|kubernetes|k8s|ci|jenkins))"
              + ".{0,40}\\b(done|finish(ed)?|complete(d)?|running|still going|stuck|fail(ed)?"
              + "|paused|queued|waiting|resumed?|cancell?ed|alive|over)\\b",
          "\\b(status|progress|state|eta|update|news) (of|on|for) (my|our|the|all|all my|all of"
              + " my|all active|active|running|current|coracle) (coracle )?"
              + NOT_OUR_JOB
              + "(jobs?|tasks?)\\b",
          "\\bwhat (are|is) (you|coracle) (working on|doing|busy with)\\b",
          "\\bis coracle (busy|idle|working)\\b",
          "\\b(did|have) you (finish|finished|complete|completed)\\b",
          "\\bare you (done|finished) with\\b",
          // Spanish, German, French, Portuguese and Chinese status questions.
          "\\b(estado|progreso) de (mi|mis|el|la|los) (trabajo|tarea|job)s?\\b",
          "\\b(ya )?termin(ó|o) (mi|el|la) (trabajo|tarea|job)\\b",
          "\\b(mein|meine) (job|aufgabe|auftrag)\\b.{0,30}\\b(fertig|abgeschlossen|erledigt)\\b",
          "\\bstatus (von|meines|meiner) (job|aufgabe)",
          "\\b(statut|état|avancement) de (ma|mon|la|le) (tâche|job)\\b",
          "\\boù en est (la|le|ma|mon) (tâche|job)\\b",
          "\\b(meu|minha|o|a) (job|tarefa)\\b.{0,20}\\b(terminou|concluído|concluída|rodando)\\b",
          "\\b(status|estado|progresso) d[oa] (meu |minha )?(job|tarefa)\\b",
          "\\b(como (está|va|vai)|cómo va|wie läuft|comment (va|avance))\\b.{0,30}"
              + "\\b(tarefa|tarea|trabajo|job|aufgabe|tâche)",
          "任务.{0,8}(完成|进度|状态|到哪|运行|失败|结束|好了|卡住)",
          "(哪些|什么)任务.{0,6}(运行|进行)");

  static final List<Pattern> STRONG_RESEARCH =
      patterns(
          "\\bwith (sources|citations|references|links|papers)\\b",
          "\\b(cite|citing|citations?)\\b",
          "\\b(search|browse) (the )?(web|internet)\\b",
          "^google\\b",
          "\\b(latest|newest|most recent) (stable )?(version|release|lts|news)\\b",
          "\\b(current|currently) (price|pricing|exchange rate|free tier|rate limits?)\\b",
          "\\bwhat'?s new in\\b",
          "\\brelease notes\\b",
          "\\b(literature review|research papers|peer-reviewed)\\b",
          "\\bstate of the art\\b",
          // Spanish, German, French, Portuguese and Chinese.
          "\\b(con fuentes|mit quellen|avec (des )?sources|com fontes)\\b",
          "\\b(última|más reciente|neueste|dernière|mais recente) (versión|version|versão|lts)\\b",
          "\\b(versão mais (nova|recente)|versión más (nueva|reciente)|version la plus récente)\\b",
          "\\b(novedades|neuerungen|nouveautés|novidades)\\b",
          "来源|出处|最新.{0,6}版本|新特性");

  static final List<Pattern> STRONG_DEEP =
      patterns(
          "^/(plan|deep)\\b",
          "^(please )?(implement|refactor|migrate|scaffold)\\b",
          "^(please )?(fix|debug|investigate|diagnose|track down|figure out)\\b.{0,60}"
              + "\\b(failing|fails|failed|broken|flaky|crash(es|ing)?|bug|leak|deadlock)\\b",
          "^(refaktoriere|implementiere|migriere|behebe|refactoriza|implementa|arregla"
              + "|implémente|refactorise|migre|refatore|implemente|corrija)\\b",
          // A Chinese request to rewrite, migrate, fix or implement, unless it is a question.
          "^(?!.*(吗|呢)?[？?]\\s*$)(?!.*吗\\s*$).{0,40}(重构|迁移|重写|修复|实现|单元测试|回归测试)");

  static final List<Pattern> STATUS =
      patterns(
          "\\b(status|progress|state) (of|on|for) (my |our |the |all |all my |this |that )?"
              + "(?:[\\w-]+ ){0,3}(job|jobs|task|tasks)\\b",
          "\\b(job|jobs|task|tasks)\\b.{0,40}\\b(status|progress|done|finished|running|stuck)\\b",
          "\\bhow (is|are|far)\\b.{0,30}\\b(job|jobs|task|tasks)\\b",
          "\\bhow (the|my|our) (?:[\\w-]+ ){0,3}(job|jobs|task|tasks) (is|are) (doing|going)\\b",
          // "how far along is the upgrade?", "status of the cleanup?": progress of some work.
          "^how far (along )?(is|are) (the|my|our|that|this)\\b",
          "^where (are|r) (we|you) (with|on|at)\\b",
          "^(status|progress|eta) (of|on) (the|my|our|that|this)\\b",
          // Italian, Dutch, Polish, Turkish, Russian, Japanese and Korean questions about a job.
          "\\b(job|task|attività|lavoro|migrazione)\\b.{0,40}(finit[oa]|completat[oa]|in esecuzione"
              + "|bloccat[oa])|\\ba che punto (è|sono)\\b",
          "\\b(taak|taken|job|jobs|migratie)\\b.{0,40}\\b(klaar|draait|draaien|loopt|lopen"
              + "|vastgelopen|voortgang)\\b|\\bhoe staat het met\\b"
              + "|\\b(loopt|draait) (mijn|de|onze) (job|taak|migratie)\\b",
          "\\b(zadani[eay]|zadań|job|joby)\\b.{0,40}(skończ|zakończ|działa|uruchomion|postęp)"
              + "|\\bjak idzie\\b",
          "\\b(iş|görev|job)[a-zçğıöşü]*.{0,40}(bitti|çalışıyor|durumda|takıldı|ilerleme)",
          "(задач|джоб|миграци|рефакторинг)[а-яё]*.{0,40}(заверш|закончил|готов|выполня|работает"
              + "|упал|статус|прогресс|продвига)|(как|что) (там|с|идёт|продвигается).{0,30}задач",
          "(ジョブ|タスク|作業).{0,20}(終わ|完了|進ん|進捗|状況|ステータス|実行中|止ま)" + "|(実行中|進行中)の(ジョブ|タスク|作業)",
          "(작업|잡|태스크).{0,20}(끝났|완료|진행|상황|실행 중|돌아가|멈춘)",
          // Czech, Swedish, Ukrainian, Hindi, Arabic, Vietnamese and Indonesian questions about a
          // job, and questions in any language about coracle's own quotas, tokens and providers.
          "(úloh|job|úkol|refaktoring|migrac)\\p{L}*.{0,40}(hotov|doběhl|běží|spadl|zbývá)"
              + "|^doběhl|které joby",
          "(jobb|uppgift|refaktorering|migrering)\\p{L}*.{0,40}(klar|färdig|körs|misslyck)"
              + "|vilka jobb",
          "(задач|джоб|міграці|рефакторинг)[\\p{L}']*.{0,40}(заверш|закінч|готов|викону|працює"
              + "|впал|статус|прогрес|просува)|які задачі|(заверш|закінч)\\p{L}*.{0,20}(задач|джоб)",
          "(जॉब|काम|टास्क).{0,30}(पूरा|चल रहे|कहाँ तक|आगे बढ़ा|खत्म)",
          "(المهمة|المهام|مهمة).{0,40}(انتهت|اكتملت|تعمل|وصلت)|(انتهت|اكتملت).{0,20}(المهمة|مهمة)",
          "(job|tác vụ|công việc|việc).{0,40}(xong chưa|tới đâu|đến đâu|đang chạy)",
          "(job|tugas|refactor|migrasi).{0,40}(sudah selesai|sedang berjalan|sampai mana)",
          "(tokens?|токен|トークン|토큰|kuota|kvót|kvot|квот|kontingent|cuota|cota|quota|配额"
              + "|クォータ|할당량|gratis|gratuit|anrop|запит|запрос|richieste|verzoeken|zapyta"
              + "|istek).{0,40}(quedan|restan|sobra|restam|reste|übrig|kvar|лишил|осталось"
              + "|rimast|nog over|zostało|kaldı|tersisa|sisa|còn|बचे|تبقى|残|남았|剩)",
          "(tokens?|токен|トークン|토큰).{0,40}(gastado|gastamos|verbraucht|usato|usati|spotřeb"
              + "|utilisé|harcadık|потратили|витратили|使った|썼어|用了|spotřebovali|förbrukat)",
          "(proveedores|provedores|fournisseurs|provider|провайдер|プロバイダー|服务商|제공자)"
              + ".{0,40}(cooldown|caídos|fora do ar|disponibles|erreichbar|недоступ|クールダウン"
              + "|冷却|쿨다운)",
          "(cuánto|cuanto|quanto|wie viel|combien|hoeveel|ile|kolik|сколько|скільки).{0,40}"
              + "(ahorrado|ahorramos|economizado|economizamos|gespart|économisé|risparmiato"
              + "|bespaard|zaoszczędz|ušetř|сэконом|заощад)");

  static final List<Pattern> RESEARCH =
      patterns(
          "\\b(latest|newest|current|recent)\\b.{0,30}\\b(version|release|news|changes|docs"
              + "|documentation)\\b",
          // Comparing what the user pasted ("compare these two functions") needs no outside facts.
          "\\b(compare|comparison|pros and cons|trade-?offs? between)\\b"
              + "(?! (these|this|the two|the following|both|my|our|them|it)\\b)",
          "\\w+ (versus|vs\\.?) (?!code\\b)\\w+",
          "\\b(search|look up|browse|google)\\b.{0,20}\\b(the web|online|internet|docs)\\b",
          "\\b(sources|benchmarks?|papers|studies|survey)\\b",
          "\\b(actuales|aktuellen?|actuels|actuelles|atuais|precios|preise|tarifs|preços)\\b",
          "\\b(recientes|récents|récentes|recentes|neuesten|comparativas?|vergleiche|comparatifs?)\\b",
          "\\b(20[2-9][0-9])\\b.{0,30}\\b(release|roadmap|news)\\b",
          // Italian, Dutch, Polish, Turkish, Russian, Japanese, Korean and Chinese.
          "\\b(ultim[ei] (notizie|versione|articoli|release)|novità|recenti|con (le )?fonti"
              + "|prezzi attuali)\\b",
          "\\b(nieuwste|laatste versie|recente|bronnen|nieuws|wat is er nieuw|huidige prijzen)\\b",
          "\\b(najnowsz|aktualn|źródł|wiadomości|co nowego|ostatni[aąe]? wersj)",
          "(güncel|son sürüm|kaynaklarıyla|haberler|neler yeni|en yeni)",
          "(свеж|последн|актуальн|новост|что нового|источник|в интернете)",
          "(最新|最近の|記事|ニュース|出典|ベンチマーク|人気の)",
          "(최신|출처|최근|기사|뉴스|요즘)",
          "最新|最近.{0,10}(文章|新闻|报道|对比|评测)|调研|搜一下|新闻",
          // Comparisons, analyses, audits and reports in other languages: the third held-out set's
          // writer labels "find out and report, change nothing yet" research.
          "(?<!\\p{L})(compara|comparativ|confronta|vergleiche|vergelijk|porównaj|porovnej"
              + "|srovnej|jämför|karşılaştır|сравни|порівняй|bandingkan|perbandingan)",
          "(?<!\\p{L})(analiza|analizza|analise|analysiere|analyseer|przeanalizuj|analyzuj"
              + "|проанализируй|проаналізуй|analiz et|analisis|phân tích|incele)\\p{L}*.{0,80}"
              + "(informe|report|relatório|rapport|bericht|raport|zprávu|rapor|отчёт|отчет|звіт"
              + "|laporan|báo cáo|resoconto)",
          "(?<!\\p{L})(informe|relatório|rapport|bericht|raport|zprávu|rapor|отчёт|звіт|laporan"
              + "|báo cáo|resoconto|sammanfattning|levantamento|riset)(?!\\p{L})",
          "तुलना|विश्लेषण|रिपोर्ट|ऑडिट|قارن|مقارنة|حلل|تقرير|so sánh|điều tra",
          "比較|調査|レポート|報告書|비교|조사|분석|보고서|对比|比较|报告|审查");

  static final List<Pattern> DEEP =
      patterns(
          "\\b(implement|refactor|migrate|scaffold)\\b",
          "\\b(port|rewrite) (this|the|it|our|my|all|everything|\\w+ (to|in|from))\\b",
          "\\b(build|create|write|add)\\b.{0,40}\\b(app|application|service|feature|module|api"
              + "|endpoint|cli|library|tests? suite|integration)\\b",
          "\\b(debug|fix|diagnose)\\b.{0,40}\\b(failing|broken|bug|crash|error|tests?|build)\\b",
          "\\b(design|architect)\\b.{0,40}\\b(system|schema|architecture|api|service)\\b",
          "\\bstep[- ]by[- ]step\\b.{0,40}\\b(plan|implementation)\\b",
          "\\b(across|in) (the|all|several|multiple) (files|modules|repo|repository|codebase)\\b",
          // German, Spanish, French and Portuguese imperatives for fixing and building.
          "\\b(behebe|repariere|implementiere|arréglalo|arregla|corrígelo|corrige-l[ea]|répare"
              + "|corrija|conserte|implemente|implementa)\\b",
          // Italian, Dutch, Polish, Turkish, Russian, Japanese and Korean requests for work.
          "^(riscrivi|implementa|sistema|correggi|aggiungi|separa|migra|trova perché|scopri perché)\\b",
          "^(herschrijf|implementeer|repareer|voeg|splits|migreer|zoek uit waarom|bouw)\\b",
          "^(przepisz|zaimplementuj|napraw|dodaj|podziel|zmigruj|znajdź przyczynę|zbuduj)",
          "(yeniden yaz|uygula|düzelt|ekle|ayır|taşı)[ .,!]*(ve|$)",
          "^(перепиши|реализуй|исправь|почини|добавь|раздели|мигрируй|отрефактор|найди,? почему"
              + "|разберись)",
          "(実装|リファクタリング|移行|修正|書き直|追加)(して|し、|を行)",
          "(구현|리팩터링|리팩토링|마이그레이션|고쳐|수정해|옮겨)",
          // Czech, Swedish, Ukrainian, Arabic, Vietnamese and Indonesian requests for work, and
          // "with tests" in most languages.
          "^(přidej|přepiš|oprav|implementuj|nastav|zrefaktoruj|předělej|najdi příčinu|migruj)",
          "^(lägg till|skriv om|laga|fixa|implementera|bygg|migrera|hitta och laga|sätt upp)",
          "^(додай|перепиши|виправ|реалізуй|перероби|знайди,? чому|налаштуй|мігруй)",
          "^(أضف|أعد كتابة|أصلح|أنشئ|نفذ|ابحث عن سبب)",
          "^(thêm|viết lại|sửa|tái cấu trúc|chuyển toàn bộ|triển khai|xây dựng|tìm nguyên nhân)",
          "^(tambahkan|perbaiki|implementasikan|migrasikan|cari penyebab)",
          "(जोड़ो|ठीक करो)|(टेस्ट|tests?) (भी )?लिखो",
          "(con (i |los |sus )?tests?|com (os )?testes|avec (les |des )?tests|mit tests|met tests"
              + "|z testami|s testy|med tester|з тестами|с тестами|dengan test|viết test"
              + "|واكتب اختبارات|testlerini yaz|テストも書|테스트도 작성|写好测试|补充.{0,4}测试)",
          "(導入して|構築して)|(구성해|추가하고)|把.{0,40}(改成|改为|迁移到)");

  static final List<Pattern> FAST =
      patterns(
          "^(what is an?|what does|explain|define|how do i|how to|how can i|is there a way)\\b",
          "\\b(one-liner|regex|shortcut|translate)\\b",
          "^(summarize|tl;?dr)\\b",
          "\\b(commit message|pr title|uuid|haiku|limerick|poem|joke|tweet|docstring)\\b",
          "\\b(how do you say|cómo se dice|wie sagt man|comment dit-on|como se diz)\\b",
          // Spanish, Portuguese, French and German "what is" and "what is it for".
          "^(¿\\s*)?(qué es|para qué sirve|o que é|para que serve|qu'est-ce que|à quoi sert|was ist"
              + "|wofür)\\b",
          // Italian, Dutch, Polish, Turkish, Russian, Japanese and Korean single questions.
          "^(cos'è|cosa significa|come si|qual è la differenza|wat is|wat betekent|hoe |co to jest"
              + "|czym jest|jak |что такое|как |чем отличается)",
          "(nedir|nasıl|とは|方法は|何ですか|どうすれば|뭐야|무엇인가요|어떻게 해|차이가 뭐|방법은"
              + "|뭐예요|什么是|是什么|什么意思|怎么|如何|有什么区别)",
          // Czech, Swedish, Ukrainian, Hindi, Arabic, Vietnamese and Indonesian single questions.
          "^(co je|co znamená|jak |jaký je rozdíl|vysvětli|vad är|vad betyder|hur |förklara"
              + "|що таке|як |яка різниця|поясни|ما هو|ما الفرق|كيف|اشرح|apa itu|apa bedanya"
              + "|bagaimana cara|jelaskan)",
          "(क्या है|क्या होता है|क्या फर्क|क्या अंतर|कैसे करें|कैसे|là gì|làm sao|như thế nào"
              + "|khác nhau)");

  private RulePatterns() {}

  /** The text the first matching pattern matched, or null. */
  static String firstMatch(List<Pattern> patterns, String text) {
    for (Pattern pattern : patterns) {
      Matcher matcher = pattern.matcher(text);
      if (matcher.find()) {
        return matcher.group().strip();
      }
    }
    return null;
  }

  private static List<Pattern> patterns(String... regexes) {
    return Arrays.stream(regexes).map(Pattern::compile).toList();
  }
}
