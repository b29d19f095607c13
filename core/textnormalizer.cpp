#include "core/textnormalizer.h"

#include "core/stringtable.h"
#include "core/utf8.h"

#include <libstemmer.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdint>
#include <optional>
#include <unordered_map>
#include <unordered_set>

namespace rolescope {

namespace {

// Function words that say nothing about the work, plus the filler job descriptions use
// everywhere ("various", "relevant", "as needed").
constexpr std::array stopWords{
    "a", "about", "above", "across", "after", "against", "all", "along", "also", "among", "an",
    "and", "any", "are", "as", "at", "based", "be", "been", "before", "being", "below",
    "between", "both", "but", "by", "can", "could", "did", "do", "does", "down", "during",
    "e", "each", "eg", "either", "etc", "every", "for", "from", "g", "has", "have", "he", "her",
    "here", "his", "how", "i", "ie", "if", "in", "include", "included", "includes",
    "including", "into", "is", "it", "its", "may", "might", "more", "most", "must", "needed",
    "neither", "new", "newly", "no", "nor", "not", "of", "off", "on", "onto", "or", "other",
    "others", "our", "out", "over", "own", "per", "related", "relevant", "same", "shall",
    "she", "should", "so", "some", "such", "than", "that", "the", "their", "them", "then",
    "there", "these", "they", "this", "those", "through", "throughout", "to", "too",
    "toward", "towards", "under", "up", "upon", "various", "very", "via", "was", "we",
    "well", "were", "what", "when", "where", "whether", "which", "while", "who", "whom",
    "whose", "why", "will", "with", "within", "without", "would", "you", "your",
    "appropriate", "necessary", "relating", "regarding", "concerning", "together",
};

// Verbs and nouns that every role uses about any work: they may add to a match, never make one.
constexpr std::array genericWords{
    "manage", "management", "managing", "responsible", "responsibility", "ensure", "oversee",
    "oversight", "coordinate", "coordination", "direct", "handle", "lead", "organise",
    "organisation", "support", "assist", "assistance", "help", "perform", "conduct", "carry",
    "undertake", "participate", "involve", "administer", "administration", "implement",
    "implementation", "execute", "execution", "work", "activity", "task", "duty", "function",
    "operation", "operate", "process", "supervise", "supervision", "run", "make", "take",
    "provide", "deal", "look", "arrange", "act", "serve", "engage", "do", "get", "give",
    "matter", "issue", "aspect", "area", "thing", "job", "role",
};

// Nouns for people, and for the outside parties an organisation deals with: the ones work is
// done for, with or on, rather than the work itself. Not titles ("director", "manager",
// "business partner"), which often name the role whose work it is.
constexpr std::array partyWords{
    "staff", "employee", "personnel", "worker", "workforce", "member", "official",
    "subordinate", "colleague", "peer", "customer", "client", "user", "applicant", "candidate",
    "person", "people", "individual", "stakeholder", "volunteer", "contractor", "consultant",
    "supplier", "vendor", "distributor", "dealer", "student", "trainee", "intern", "patient",
    "citizen", "resident", "shareholder", "investor", "donor", "buyer",
};

// Titles name the role whose work a duty is ("Corporate HR Business Partner", "Head of
// Finance"), but after "with", "to" or "for" they name whom it is done with or for, as the
// nouns above do ("Confer with labor relations managers", "Report to department heads").
constexpr std::array titleWords{
    "manager", "director", "executive", "supervisor", "officer", "head", "leader", "partner",
    "chair", "administrator", "coordinator", "specialist", "analyst", "representative",
};

// Verb classes of general business English: verbs in one class name the same kind of activity
// ("prepare", "develop" and "draft" a budget are one job). Written from general usage, not
// from any evaluation file; the model's own synonym groups come first.
const std::vector<std::vector<const char *>> &verbClasses()
{
    static const std::vector<std::vector<const char *>> classes{
        {"plan", "planning", "prepare", "preparation", "develop", "formulate", "formulation",
         "draft", "devise", "create", "creation", "establish", "strategy", "strategic"},
        {"analyse", "analysis", "evaluate", "evaluation", "assess", "assessment", "examine",
         "examination", "review", "study", "appraise", "appraisal"},
        {"monitor", "track", "observe", "check", "follow"},
        {"hire", "recruit", "recruitment", "employ"},
        {"train", "teach", "coach", "instruct", "instruction", "educate", "education", "induct",
         "induction"},
        {"advise", "advice", "counsel", "consult", "consultation", "recommend",
         "recommendation", "guide", "guidance"},
        {"communicate", "communication", "liaise", "liaison", "confer", "discuss",
         "discussion", "correspond"},
        {"negotiate", "negotiation", "bargain"},
        {"resolve", "resolution", "settle", "solve"},
        {"forecast", "predict", "prediction", "estimate"},
        {"set", "determine", "determination", "define", "definition", "decide", "fix"},
        {"maintain", "maintenance", "keep", "update", "upkeep"},
        {"approve", "approval", "authorise", "authorisation", "endorse", "sign"},
        {"collect", "collection", "gather", "compile", "compilation", "obtain"},
        {"increase", "grow", "growth", "boost", "expand", "expansion", "maximise", "raise"},
        {"reduce", "reduction", "cut", "lower", "decrease", "minimise"},
        {"improve", "improvement", "enhance", "enhancement", "optimise", "optimisation"},
        {"buy", "purchase", "procure", "procurement"},
        {"write", "author", "compose"},
        {"respond", "response", "answer", "reply"},
    };
    return classes;
}

// Nouns that name the same thing in general business English.
const std::vector<std::vector<const char *>> &nounGroups()
{
    static const std::vector<std::vector<const char *>> groups{
        {"staff", "employee", "personnel", "worker", "workforce"},
        {"customer", "client"},
        {"supplier", "vendor"},
        {"target", "goal", "objective"},
        {"cost", "expense", "expenditure", "spending"},
        {"annual", "annually", "yearly", "year"},
        {"month", "monthly"},
        {"week", "weekly"},
        {"phone", "telephone"},
        {"company", "firm", "corporate", "corporation", "enterprise"},
        {"inquiry", "question", "query"},
        {"rule", "regulation"},
        {"document", "documentation", "paperwork"},
        {"product", "goods", "merchandise"},
        {"stock", "inventory"},
        {"survey", "questionnaire", "poll"},
        {"data", "figure", "statistic"},
    };
    return groups;
}

// Words that, after "to", start a purpose clause ("... to ensure quality").
constexpr std::array purposeVerbs{
    "achieve", "allow", "attract", "avoid", "comply", "determine", "enable", "ensure",
    "facilitate", "fund", "gain", "guarantee", "identify", "improve", "increase", "maintain",
    "maximise", "maximize", "meet", "minimise", "minimize", "prevent", "promote", "protect",
    "provide", "reduce", "retain", "secure", "support", "help", "keep", "enhance", "assure",
    "accomplish", "obtain", "establish", "resolve", "satisfy", "serve", "sustain", "verify",
    "evaluate", "assess", "measure", "prepare", "develop", "create", "encourage",
};

// CJK characters that only join words; treated as separators, which keeps bigrams inside words.
constexpr std::array<char32_t, 7> cjkJoiners{U'的', U'和', U'与', U'及', U'并', U'等', U'或'};

// Two-character words every Chinese duty uses ("responsible for", "manage", "work").
constexpr std::array<std::u32string_view, 22> cjkGeneric{
    U"负责", U"管理", U"协调", U"确保", U"组织", U"工作", U"相关", U"公司", U"进行", U"开展",
    U"各种", U"各项", U"监督", U"领导", U"参与", U"协助", U"支持", U"处理", U"完成", U"实施",
    U"执行", U"保证",
};
constexpr std::array<std::u32string_view, 4> cjkPurposeMarkers{U"确保", U"以便", U"为了",
                                                              U"以确"};

bool isCjk(char32_t c)
{
    return (c >= 0x3400 && c <= 0x4DBF) || (c >= 0x4E00 && c <= 0x9FFF)
           || (c >= 0xF900 && c <= 0xFAFF) || (c >= 0x3040 && c <= 0x30FF)
           || (c >= 0xAC00 && c <= 0xD7AF) || (c >= 0x20000 && c <= 0x2FFFF);
}

// Latin-1 and Latin Extended-A letters folded to their unaccented lower-case ASCII base.
std::string_view foldLatin(char32_t c)
{
    static constexpr std::array<std::string_view, 64> latin1{
        "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",
        "d", "n", "o", "o", "o", "o", "o", "",  "o", "u", "u", "u", "u", "y", "th", "ss",
        "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",
        "d", "n", "o", "o", "o", "o", "o", "",  "o", "u", "u", "u", "u", "y", "th", "y",
    };
    if (c >= 0xC0 && c <= 0xFF)
        return latin1[c - 0xC0];
    struct Range { char32_t first, last; std::string_view base; };
    static constexpr std::array<Range, 22> extendedA{{
        {0x100, 0x105, "a"}, {0x106, 0x10D, "c"}, {0x10E, 0x111, "d"}, {0x112, 0x11B, "e"},
        {0x11C, 0x123, "g"}, {0x124, 0x127, "h"}, {0x128, 0x131, "i"}, {0x132, 0x133, "ij"},
        {0x134, 0x135, "j"}, {0x136, 0x138, "k"}, {0x139, 0x142, "l"}, {0x143, 0x14B, "n"},
        {0x14C, 0x151, "o"}, {0x152, 0x153, "oe"}, {0x154, 0x159, "r"}, {0x15A, 0x161, "s"},
        {0x162, 0x167, "t"}, {0x168, 0x173, "u"}, {0x174, 0x175, "w"}, {0x176, 0x178, "y"},
        {0x179, 0x17E, "z"}, {0x17F, 0x17F, "s"},
    }};
    for (const Range &r : extendedA) {
        if (c >= r.first && c <= r.last)
            return r.base;
    }
    return {};
}

// Decodes one code point; malformed bytes come back as U+FFFD, one byte consumed.
char32_t decodeUtf8(std::string_view s, size_t &i)
{
    const auto b0 = static_cast<unsigned char>(s[i]);
    auto cont = [&](size_t k) {
        return k < s.size() && (static_cast<unsigned char>(s[k]) & 0xC0) == 0x80;
    };
    if (b0 < 0x80) {
        ++i;
        return b0;
    }
    int len = 0;
    char32_t c = 0;
    if ((b0 & 0xE0) == 0xC0) {
        len = 2;
        c = b0 & 0x1F;
    } else if ((b0 & 0xF0) == 0xE0) {
        len = 3;
        c = b0 & 0x0F;
    } else if ((b0 & 0xF8) == 0xF0) {
        len = 4;
        c = b0 & 0x07;
    } else {
        ++i;
        return 0xFFFD;
    }
    for (int k = 1; k < len; ++k) {
        if (!cont(i + static_cast<size_t>(k))) {
            ++i;
            return 0xFFFD;
        }
        c = (c << 6) | (static_cast<unsigned char>(s[i + static_cast<size_t>(k)]) & 0x3F);
    }
    i += static_cast<size_t>(len);
    return c;
}

bool endsWith(std::string_view s, std::string_view suffix)
{
    return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

bool isVowel(char c)
{
    return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u';
}

// NOUN and its plurals: -s, -es, a final y after a consonant turned into -ies. Some are no
// words ("staffes"); no text holds them.
std::vector<std::string> plurals(const std::string &noun)
{
    std::vector<std::string> forms{noun, noun + "s", noun + "es"};
    const size_t n = noun.size();
    if (n >= 2 && noun[n - 1] == 'y' && !isVowel(noun[n - 2]))
        forms.push_back(noun.substr(0, n - 1) + "ies");
    return forms;
}

// WORD and the forms English inflection makes of it: its plurals, -d, -ed, -ing, a final e
// dropped or a final consonant doubled before -ing and -ed, a final y after a consonant turned
// into -ied. A verb class lists nouns too ("preparation"), which take only the plurals in text.
std::vector<std::string> inflections(const std::string &word)
{
    std::vector<std::string> forms = plurals(word);
    forms.insert(forms.end(), {word + "d", word + "ed", word + "ing"});
    const size_t n = word.size();
    if (n < 3)
        return forms;
    const char last = word[n - 1];
    const std::string head = word.substr(0, n - 1);
    if (last == 'e')
        forms.push_back(head + "ing");
    if (last == 'y' && !isVowel(word[n - 2]))
        forms.push_back(head + "ied");
    if (!isVowel(last) && last != 'w' && last != 'x' && last != 'y' && isVowel(word[n - 2])
        && !isVowel(word[n - 3])) {
        forms.push_back(word + last + "ed");
        forms.push_back(word + last + "ing");
    }
    return forms;
}

// British spellings to American ones, so "analyse"/"analyze" and "programme"/"program" meet.
std::string americanSpelling(std::string word)
{
    struct Swap { std::string_view from, to; };
    static constexpr std::array<Swap, 6> whole{{
        {"programme", "program"}, {"programmes", "programs"}, {"catalogue", "catalog"},
        {"dialogue", "dialog"}, {"licence", "license"}, {"judgement", "judgment"},
    }};
    for (const Swap &s : whole) {
        if (word == s.from)
            return std::string(s.to);
    }
    if (word.starts_with("enquir"))
        word.replace(0, 2, "in");
    static constexpr std::array<Swap, 14> endings{{
        {"isation", "ization"}, {"isations", "izations"}, {"ise", "ize"}, {"ised", "ized"},
        {"ises", "izes"}, {"ising", "izing"}, {"iser", "izer"}, {"isers", "izers"},
        {"yse", "yze"}, {"ysed", "yzed"}, {"yses", "yzes"}, {"ysing", "yzing"},
        {"elled", "eled"}, {"elling", "eling"},
    }};
    if (word.size() > 5) {
        for (const Swap &s : endings) {
            if (endsWith(word, s.from)) {
                word.replace(word.size() - s.from.size(), s.from.size(), s.to);
                return word;
            }
        }
        static constexpr std::array<Swap, 6> british{{
            {"our", "or"}, {"ours", "ors"}, {"oured", "ored"}, {"ouring", "oring"},
            {"tre", "ter"}, {"tres", "ters"},
        }};
        for (const Swap &s : british) {
            if (endsWith(word, s.from)) {
                word.replace(word.size() - s.from.size(), s.from.size(), s.to);
                return word;
            }
        }
    }
    return word;
}

constexpr int roleStrength(TermRole role)
{
    switch (role) {
    case TermRole::Object: return 3;
    case TermRole::Activity: return 2;
    case TermRole::Purpose: return 1;
    case TermRole::Generic: return 0;
    }
    return 0;
}

enum class Break : std::uint8_t { None, Stop, Punct, Sentence };

// The words the reading of a duty turns on: its clauses, qualifiers, scopes and lists.
enum class Marker : std::uint8_t {
    None, Accordance, Across, And, As, Compliance, Concerning, Ensuring, Example, For, In,
    Including, Line, Or, Order, Regarding, So, Such, That, Thereby, Throughout, To, Using, Via,
    With, Within,
    Unit, // a unit of the organisation: "for the Tax team", "with the Rigyia project"
};

struct WordKind
{
    Marker marker = Marker::None;
    bool stop = false;
};

// Looked up once per word as it is split off, so that reading the duty compares no strings.
WordKind kindOf(std::string_view word)
{
    static const StringTable<WordKind> kinds = [] {
        std::unordered_map<std::string_view, WordKind> k;
        for (std::string_view w : stopWords)
            k[w].stop = true;
        constexpr std::pair<std::string_view, Marker> markers[]{
            {"accordance", Marker::Accordance}, {"across", Marker::Across},
            {"and", Marker::And}, {"as", Marker::As}, {"compliance", Marker::Compliance},
            {"concerning", Marker::Concerning}, {"ensuring", Marker::Ensuring},
            {"example", Marker::Example}, {"for", Marker::For}, {"in", Marker::In},
            {"including", Marker::Including}, {"line", Marker::Line}, {"or", Marker::Or},
            {"order", Marker::Order}, {"regarding", Marker::Regarding}, {"so", Marker::So},
            {"such", Marker::Such}, {"that", Marker::That}, {"thereby", Marker::Thereby},
            {"throughout", Marker::Throughout}, {"to", Marker::To}, {"using", Marker::Using},
            {"via", Marker::Via}, {"with", Marker::With}, {"within", Marker::Within},
        };
        for (const auto &[w, marker] : markers)
            k[w].marker = marker;
        for (std::string_view w : {"team", "teams", "department", "departments", "office",
                                   "offices", "division", "unit", "units", "branch", "region",
                                   "programme", "program", "project", "projects", "account",
                                   "site", "store", "group", "function"})
            k[w].marker = Marker::Unit;
        StringTable<WordKind> table;
        for (const auto &[w, kind] : k)
            table.insert(w, kind);
        return table;
    }();
    const WordKind *kind = kinds.find(word);
    return kind ? *kind : WordKind{};
}

struct Word
{
    std::string text;    // folded, lower-case
    std::u32string cjk;  // one CJK character, when the word is one
    Break before = Break::None;
    WordKind kind;       // of a word that is not CJK
    bool is(Marker m) const { return kind.marker == m; }
};

struct Token
{
    std::string key;
    std::string stem; // the stem a phrase key is built from (a synonym group's key)
    std::string plainStem; // the stems as written, for telling synonyms from inflections
    std::string surface;
    TermRole role = TermRole::Object;
    bool cjk = false;
    bool viaSynonym = false;
    Break before = Break::None;
    bool purpose = false;
    bool scope = false;
    // Opens the duty and may be its verb; it still joins the next word in a phrase, since a
    // duty can open with a noun ("Market research and analysis").
    bool leadingVerb = false;
    bool head = false; // one of the verbs opening a sentence (TextTerm::head)
    bool opening = false; // among the words opening a sentence, whatever their role
    bool personWord = false; // WordInfo::personWord
    bool titleWord = false;  // WordInfo::titleWord
    bool party = false; // TextTerm::party
    bool afterConjunction = false; // right after "and" or "or"
    // After "with", "to" or "for", with no content word between ("with the", "to its").
    bool afterCounterpart = false;
    float emphasis = 1.0f;
};

struct SynonymPhrase
{
    std::vector<std::string> stems;
    int group = 0;
};

} // namespace

struct TextNormalizer::Private
{
    sb_stemmer *stemmer = nullptr;
    std::unordered_map<std::string, std::string> stemCache;
    std::unordered_set<std::string> generic;        // stems
    // A word of a class as written, or an inflection of one -> "~class" / "%noun group". Not by
    // stem: the stemmer also takes nouns made from a verb to the verb ("establishments" ->
    // "establish"), and such a noun names a thing ("business establishments"), not the work the
    // class names. The nouns a class means are listed in it ("preparation", "recruitment").
    std::unordered_map<std::string, std::string> classOf;
    std::unordered_set<std::string> purpose;        // stems
    // Words as written: stems would take "customs" for "customers".
    std::unordered_set<std::string> party;
    std::unordered_set<std::string> title; // as written, too
    std::unordered_map<std::string, std::vector<SynonymPhrase>> synonymsByFirst;

    std::string stem(std::string_view lowerWord)
    {
        auto it = stemCache.find(std::string(lowerWord));
        if (it != stemCache.end())
            return it->second;
        std::string word = americanSpelling(std::string(lowerWord));
        std::string result = word;
        if (stemmer) {
            const sb_symbol *s = sb_stemmer_stem(stemmer,
                                                 reinterpret_cast<const sb_symbol *>(word.data()),
                                                 static_cast<int>(word.size()));
            if (s)
                result.assign(reinterpret_cast<const char *>(s),
                              static_cast<size_t>(sb_stemmer_length(stemmer)));
        }
        // Snowball leaves nominalisations of "analyze" apart from the verb.
        if (result == "analysi" || result == "analys")
            result = "analyz";
        if (stemCache.size() < 200'000)
            stemCache.emplace(std::string(lowerWord), result);
        return result;
    }

    // What a content word becomes, computed once per distinct word.
    struct WordInfo
    {
        std::string stem;
        std::string key;
        TermRole role = TermRole::Object;
        bool viaClass = false;
        bool personWord = false; // one of the nouns for people, as written
        bool titleWord = false;  // one of the titles, as written
        bool purposeVerb = false; // "to" before it opens a purpose clause
    };
    StringTable<WordInfo> wordCache;
    WordInfo scratch;

    const WordInfo &wordInfo(const std::string &word)
    {
        if (const WordInfo *known = wordCache.find(word))
            return *known;
        WordInfo info;
        info.stem = stem(word);
        info.personWord = party.count(word) > 0;
        info.titleWord = title.count(word) > 0;
        info.purposeVerb = purpose.count(info.stem) > 0;
        auto cls = classOf.find(americanSpelling(word));
        if (generic.count(info.stem)) {
            info.role = TermRole::Generic;
            info.key = info.stem;
        } else if (cls != classOf.end()) {
            info.key = cls->second;
            info.viaClass = true;
            info.role = cls->second[0] == '~' ? TermRole::Activity : TermRole::Object;
        } else {
            info.key = info.stem;
        }
        // Bounded, so a model of millions of distinct words cannot grow it without limit.
        if (wordCache.size() >= 200'000) {
            scratch = std::move(info);
            return scratch;
        }
        return wordCache.insert(word, std::move(info)).value;
    }

    std::vector<Word> split(std::string_view text) const;
    std::vector<Token> tokens(const std::vector<Word> &words);
    void markParties(std::vector<Token> &tokens) const;
    void applySynonyms(std::vector<Token> &tokens) const;
};

std::vector<Word> TextNormalizer::Private::split(std::string_view text) const
{
    std::vector<Word> words;
    words.reserve(text.size() / 6 + 4); // words of about five letters and a space
    Word current;
    // The length of the current word at its last joining period: 1 after the "u." of "u.s.".
    size_t lettersAfterPeriod = 0;
    Break pending = Break::None;
    auto raise = [&](Break b) { pending = std::max(pending, b); };
    auto flush = [&] {
        lettersAfterPeriod = 0;
        if (current.text.empty())
            return;
        current.before = pending;
        current.kind = kindOf(current.text);
        pending = Break::None;
        words.push_back(std::move(current));
        current = Word{};
    };
    auto isAsciiLetter = [](char ch) { return ch >= 'a' && ch <= 'z'; };
    auto isDigit = [](char ch) { return ch >= '0' && ch <= '9'; };
    size_t i = 0;
    while (i < text.size()) {
        const size_t start = i;
        char32_t c = decodeUtf8(text, i);
        if (c >= 0xFF01 && c <= 0xFF5E) // full-width ASCII
            c -= 0xFEE0;
        if (c < 0x80) {
            const char ch = static_cast<char>(c);
            if ((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9')) {
                current.text += ch;
            } else if (ch >= 'A' && ch <= 'Z') {
                current.text += static_cast<char>(ch - 'A' + 'a');
            } else if (ch == '\'') {
                // "company's" -> "company"; "customers'" -> "customers".
                if (i < text.size() && (text[i] == 's' || text[i] == 'S')
                    && (i + 1 >= text.size() || !std::isalnum(static_cast<unsigned char>(text[i + 1]))))
                    ++i;
            } else if (ch == '-' && !current.text.empty() && i < text.size()
                       && std::isalpha(static_cast<unsigned char>(text[i]))) {
                // Short prefixes join ("e-mail", "re-order", "co-ordinate"); longer parts
                // are words of their own that still form a phrase ("month-end").
                if (current.text.size() > 3)
                    flush();
            } else if (ch == '.' && current.text.size() == lettersAfterPeriod + 1
                       && isAsciiLetter(current.text.back())) {
                // Letters with periods are one word ("U.S.", "e.g.", "U.S.C."), and a period
                // after a single letter ends no sentence: it closes such a word or an initial
                // ("Gerald R. Ford").
                if (i < text.size() && std::isalpha(static_cast<unsigned char>(text[i])))
                    lettersAfterPeriod = current.text.size();
                else
                    flush();
            } else if (ch == '.' && !current.text.empty() && isDigit(current.text.back())
                       && i < text.size() && isDigit(text[i])) {
                current.text += ch; // a decimal point ("2.5 million")
            } else if (ch == '.' || ch == ';' || ch == '!' || ch == '?') {
                flush();
                raise(Break::Sentence);
            } else if (ch == ' ' || ch == '\t' || ch == '\r' || ch == '\n') {
                flush();
            } else {
                flush();
                raise(ch == '&' ? Break::Stop : Break::Punct);
            }
            continue;
        }
        if (c == 0x2019) { // typographic apostrophe
            if (i < text.size() && (text[i] == 's' || text[i] == 'S')
                && (i + 1 >= text.size() || !std::isalnum(static_cast<unsigned char>(text[i + 1]))))
                ++i;
            continue;
        }
        if (isCjk(c)) {
            flush();
            if (std::find(cjkJoiners.begin(), cjkJoiners.end(), c) != cjkJoiners.end()) {
                raise(Break::Stop);
                continue;
            }
            Word w;
            appendUtf8(w.text, c);
            w.cjk = std::u32string(1, c);
            w.before = pending;
            pending = Break::None;
            words.push_back(std::move(w));
            continue;
        }
        const std::string_view folded = foldLatin(c);
        if (!folded.empty()) {
            current.text += folded;
        } else if (c == 0x3002 || c == 0xFF61 || c == 0xFF1B) { // 。｡；
            flush();
            raise(Break::Sentence);
        } else if ((c >= 0x2000 && c <= 0x206F) || (c >= 0x3000 && c <= 0x303F)
                   || (c >= 0xFF00 && c <= 0xFFEF) || c == 0xD7 || c == 0xF7
                   || (c >= 0xA0 && c <= 0xBF) || c == 0xFFFD) {
            flush();
            raise(c == 0x3000 || c == 0x2002 || c == 0x2003 || c == 0x2009 || c == 0xA0
                      ? Break::None
                      : Break::Punct);
        } else {
            // Other scripts (Greek, Cyrillic, ...) are kept as written.
            current.text.append(text.substr(start, i - start));
        }
    }
    flush();
    return words;
}

namespace {

// Duties are written in the imperative ("Control operational budgets"): a word opening one is
// its verb unless its ending marks a noun or an inflection ("Sales channels", "Budgeting").
bool mayBeBareVerb(std::string_view word)
{
    // An ending counts only after at least three letters: "need" and "seal" are words.
    auto ends = [&](std::string_view e) { return word.size() > e.size() + 2 && endsWith(word, e); };
    if (ends("s") && !ends("ss") && !ends("us"))
        return false;
    if (ends("ed") && !ends("eed"))
        return false;
    for (std::string_view e : {"ing", "tion", "sion", "ment", "ness", "ity", "ance", "ence", "ship",
                               "ism", "ous", "ful", "al"})
        if (ends(e))
            return false;
    return true;
}

// Words that open a qualifier of where, or under which rule, the work is done. MAY_BE_VERB
// tells whether a word may be the verb of a clause.
template<typename MayBeVerb>
bool isScopeMarker(const std::vector<Word> &words, size_t i, MayBeVerb &&mayBeVerb)
{
    const Word &w = words[i];
    auto nextIs = [&](size_t k, Marker m) { return i + k < words.size() && words[i + k].is(m); };
    if (w.is(Marker::Across) || w.is(Marker::Within) || w.is(Marker::Throughout)
        || w.is(Marker::Via) || w.is(Marker::Using))
        return true;
    // "For the Tax team", "with the Rigyia project": the unit the work is done for or with.
    // Other words after them mostly name the object: "Purchase supplies for staff". A unit
    // may be named with "and" or "or" ("for the Learning and Development team", "for
    // management and budget departments"), but a verb after them starts another clause ("for
    // staff and train the finance team").
    if (w.is(Marker::For) || w.is(Marker::With)) {
        auto joinsUnitName = [&](size_t k) {
            return (words[k].is(Marker::And) || words[k].is(Marker::Or)) && k + 1 < words.size()
                   && words[k + 1].before < Break::Punct && !mayBeVerb(words[k + 1]);
        };
        size_t k = i + 1;
        while (k < words.size() && words[k].before < Break::Punct && !words[k].is(Marker::To)
               && ((!words[k].is(Marker::And) && !words[k].is(Marker::Or)) || joinsUnitName(k)))
            ++k;
        return k > i + 1 && words[k - 1].is(Marker::Unit);
    }
    if (w.is(Marker::In))
        return (nextIs(1, Marker::Line) || nextIs(1, Marker::Accordance)
                || nextIs(1, Marker::Compliance))
               && nextIs(2, Marker::With);
    return false;
}

// Whether the verbs at the head of a duty go on after words[i]: "Plan, schedule, or
// coordinate ...", "Listen to and resolve ...".
bool continuesVerbList(const std::vector<Word> &words, size_t i)
{
    for (size_t k = i + 1; k < words.size(); ++k) {
        const Word &next = words[k];
        if (next.before >= Break::Punct)
            return next.before == Break::Punct;
        if (next.is(Marker::And) || next.is(Marker::Or))
            return true;
        if (!next.is(Marker::To))
            return false;
    }
    return false;
}

} // namespace

std::vector<Token> TextNormalizer::Private::tokens(const std::vector<Word> &words)
{
    std::vector<Token> out;
    out.reserve(words.size());
    Break pending = Break::None;
    bool inPurpose = false;
    bool inQualifier = false;
    bool inScope = false;
    bool objectSeen = false; // a scope qualifies an object: in "Work across teams" it is none
    bool first = true;
    bool leadingVerbs = true; // at the head of a sentence, where a duty names its activity
    bool conjunction = false; // the last word skipped was "and" or "or"
    bool counterpart = false; // "with", "to" or "for" skipped since the last content word
    bool purposeVerb = false; // the next word is the verb of a purpose clause ("to develop")
    int position = 0; // content words so far (CJK characters count half)
    // Whether a word may be a verb: one of a class ("train"), or a generic one in a verb's form
    // ("support", not "operations").
    auto mayBeVerb = [&](const Word &w) {
        if (w.kind.stop || !w.cjk.empty())
            return false;
        const WordInfo &info = wordInfo(w.text);
        return info.role == TermRole::Activity
               || (info.role == TermRole::Generic && mayBeBareVerb(w.text));
    };
    // The first four content words keep full weight, each later one 10 % less, down to half;
    // examples and qualifications ("such as", "including", "regarding") weigh 0.6 of that.
    auto emphasisAt = [&](double pos) {
        const double e = std::max(0.5, 1.0 - 0.1 * std::max(0.0, pos - 4.0));
        return static_cast<float>(e * (inQualifier ? 0.6 : 1.0));
    };
    for (size_t i = 0; i < words.size(); ++i) {
        const Word &w = words[i];
        pending = std::max(pending, w.before);
        if (w.before == Break::Sentence) {
            inPurpose = false;
            inQualifier = false;
            inScope = false;
            objectSeen = false;
            leadingVerbs = true;
        }
        if (!w.cjk.empty()) {
            Token t;
            t.key = w.text;
            t.stem = w.text;
            t.plainStem = w.text;
            t.surface = w.text;
            t.cjk = true;
            t.before = pending;
            pending = Break::None;
            if (!first && i + 1 < words.size() && !words[i + 1].cjk.empty()) {
                const std::u32string pair = w.cjk + words[i + 1].cjk;
                if (std::find(cjkPurposeMarkers.begin(), cjkPurposeMarkers.end(), pair)
                    != cjkPurposeMarkers.end())
                    inPurpose = true;
            }
            t.purpose = inPurpose;
            t.emphasis = emphasisAt(position / 2.0);
            ++position;
            out.push_back(std::move(t));
            first = false;
            leadingVerbs = false;
            continue;
        }
        auto nextIs = [&](Marker m) { return i + 1 < words.size() && words[i + 1].is(m); };
        if ((w.is(Marker::Such) && nextIs(Marker::As)) || w.is(Marker::Including)
            || w.is(Marker::Regarding) || w.is(Marker::Concerning)
            || (w.is(Marker::For) && nextIs(Marker::Example)))
            inQualifier = !first;
        // A scope qualifies the clause it is in: after a comma or a "to", the words are the
        // work again ("across the office to optimise the military capability").
        if (inScope && (w.before >= Break::Punct || w.is(Marker::To)))
            inScope = false;
        if (objectSeen && !inPurpose && isScopeMarker(words, i, mayBeVerb)) {
            inScope = true;
            // The marker's own words ("in line with", "using") are not part of the scope.
            if (w.is(Marker::In) || w.is(Marker::Using)) {
                pending = std::max(pending, Break::Stop);
                if (w.is(Marker::In))
                    i += 2;
                continue;
            }
        }
        // Purpose clauses: "to <verb>", "in order to", "so that", ", ensuring".
        if (w.is(Marker::To) && i + 1 < words.size() && words[i + 1].cjk.empty()
            && words[i + 1].before == Break::None && !first) {
            if (wordInfo(words[i + 1].text).purposeVerb) {
                inPurpose = true;
                purposeVerb = true;
            }
        } else if (w.is(Marker::Order) && i > 0 && words[i - 1].is(Marker::In)
                   && nextIs(Marker::To)) {
            inPurpose = true;
            pending = std::max(pending, Break::Stop);
            continue;
        } else if (w.is(Marker::So) && (nextIs(Marker::That) || nextIs(Marker::As))) {
            inPurpose = true;
        } else if ((w.is(Marker::Ensuring) || w.is(Marker::Thereby)) && !first) {
            inPurpose = true;
        }
        if (w.kind.stop) {
            pending = std::max(pending, Break::Stop);
            conjunction = w.is(Marker::And) || w.is(Marker::Or);
            counterpart = (counterpart && !conjunction) || w.is(Marker::With)
                          || w.is(Marker::To) || w.is(Marker::For);
            continue;
        }
        const WordInfo &info = wordInfo(w.text);
        Token t;
        t.key = info.key;
        t.stem = info.stem;
        t.plainStem = info.stem;
        t.surface = w.text;
        t.role = info.role;
        t.personWord = info.personWord;
        t.titleWord = info.titleWord;
        const bool atHead = leadingVerbs;
        if (leadingVerbs) {
            if (t.role == TermRole::Object && !info.viaClass && mayBeBareVerb(w.text)) {
                t.role = TermRole::Activity;
                t.leadingVerb = true;
            }
            leadingVerbs = continuesVerbList(words, i);
        }
        t.head = (atHead && t.role == TermRole::Activity) || purposeVerb;
        t.opening = atHead;
        purposeVerb = false;
        t.viaSynonym = info.viaClass;
        t.before = pending;
        t.afterConjunction = conjunction;
        t.afterCounterpart = counterpart;
        conjunction = false;
        counterpart = false;
        pending = Break::None;
        t.purpose = inPurpose;
        t.scope = inScope && !inPurpose;
        t.emphasis = emphasisAt(position);
        ++position;
        // The words after the opening verbs name the object, even a noun of a verb class
        // ("Report on communication assessments").
        if (t.role != TermRole::Generic && !atHead)
            objectSeen = true;
        out.push_back(std::move(t));
        first = false;
    }
    return out;
}

// A noun for people marks itself and, when it ends a run of words, the words of the object
// that run into it ("project personnel", "organization officials"); the verb before them stays
// what is done ("Recruit staff members"), also a verb no class knows, listed after others ("and
// select applicants"). Followed by another word it only qualifies that word, which names the
// work ("supplier forecasts", "ledger user stories"). A title does the same when its run follows
// "with", "to" or "for".
void TextNormalizer::Private::markParties(std::vector<Token> &tokens) const
{
    auto mayBeListedVerb = [](const Token &t) {
        return (t.before >= Break::Punct || t.afterConjunction) && mayBeBareVerb(t.surface);
    };
    for (size_t i = 0; i < tokens.size(); ++i) {
        if (tokens[i].cjk || tokens[i].role == TermRole::Activity)
            continue;
        // "Managers" is also a generic word (manage).
        const bool person = tokens[i].role == TermRole::Object && tokens[i].personWord;
        if (!person && !tokens[i].titleWord)
            continue;
        size_t first = i;
        while (first > 0 && tokens[first].before == Break::None) {
            const Token &before = tokens[first - 1];
            if (before.cjk || before.role != TermRole::Object || before.leadingVerb
                || mayBeListedVerb(before))
                break;
            --first;
        }
        // A title right after the verbs opening a duty is whom the work is done on or for
        // ("Direct and oversee the marketing manager", "Support the Chief Executive").
        // A word opening prose that is only taken for a verb ("Senior HR Business Partner to
        // ...") is not enough.
        const Token *before = first > 0 ? &tokens[first - 1] : nullptr;
        const bool afterOpeningVerbs = before && before->opening && !before->leadingVerb
                                       && before->role != TermRole::Object
                                       && tokens[first].before <= Break::Stop;
        if (!person && !tokens[first].afterCounterpart && !afterOpeningVerbs)
            continue;
        tokens[i].party = true;
        const bool qualifiesNext = i + 1 < tokens.size() && !tokens[i + 1].cjk
                                   && tokens[i + 1].before == Break::None
                                   && tokens[i + 1].role != TermRole::Generic;
        for (size_t k = first; !qualifiesNext && k < i; ++k)
            tokens[k].party = true;
    }
}

void TextNormalizer::Private::applySynonyms(std::vector<Token> &tokens) const
{
    if (synonymsByFirst.empty())
        return;
    std::vector<Token> out;
    out.reserve(tokens.size());
    for (size_t i = 0; i < tokens.size();) {
        const SynonymPhrase *best = nullptr;
        auto it = synonymsByFirst.find(tokens[i].stem);
        if (it != synonymsByFirst.end()) {
            for (const SynonymPhrase &p : it->second) { // longest first
                if (i + p.stems.size() > tokens.size())
                    continue;
                bool match = true;
                for (size_t k = 1; k < p.stems.size() && match; ++k) {
                    const Token &t = tokens[i + k];
                    match = t.stem == p.stems[k] && t.before <= Break::Stop;
                }
                if (match) {
                    best = &p;
                    break;
                }
            }
        }
        if (!best) {
            out.push_back(std::move(tokens[i]));
            ++i;
            continue;
        }
        Token t = tokens[i];
        t.key = "=" + std::to_string(best->group);
        t.stem = t.key;
        t.viaSynonym = true;
        bool allGeneric = true;
        for (size_t k = 0; k < best->stems.size(); ++k) {
            const Token &part = tokens[i + k];
            allGeneric = allGeneric && part.role == TermRole::Generic;
            if (k > 0 && !part.cjk) {
                t.surface += ' ';
                t.plainStem += ' ';
            }
            if (k > 0) {
                t.surface += part.surface;
                t.plainStem += part.plainStem;
            }
        }
        t.role = allGeneric ? TermRole::Generic : TermRole::Object;
        t.party = tokens[i + best->stems.size() - 1].party;
        i += best->stems.size();
        out.push_back(std::move(t));
    }
    tokens = std::move(out);
}

TextNormalizer::TextNormalizer(const std::vector<std::vector<std::string>> &synonymGroups)
    : d(std::make_unique<Private>())
{
    d->stemmer = sb_stemmer_new("english", nullptr);
    for (const char *w : genericWords)
        d->generic.insert(d->stem(w));
    for (const char *w : purposeVerbs)
        d->purpose.insert(d->stem(w));
    for (const char *w : partyWords) {
        for (std::string &form : plurals(w))
            d->party.insert(std::move(form));
    }
    for (const char *w : titleWords) {
        for (std::string &form : plurals(w))
            d->title.insert(std::move(form));
    }
    for (const auto &cls : verbClasses()) {
        const std::string key = "~" + d->stem(cls.front());
        for (const char *w : cls) {
            for (std::string &form : inflections(americanSpelling(w)))
                d->classOf.emplace(std::move(form), key);
        }
    }
    for (const auto &group : nounGroups()) {
        const std::string key = "%" + d->stem(group.front());
        for (const char *w : group) {
            for (std::string &form : plurals(americanSpelling(w)))
                d->classOf.emplace(std::move(form), key);
        }
    }
    // The model's groups: each phrase normalised the way duty texts are, so they meet.
    int groupIndex = 0;
    for (const auto &group : synonymGroups) {
        for (const std::string &phrase : group) {
            std::vector<Token> toks = d->tokens(d->split(phrase));
            if (toks.empty())
                continue;
            SynonymPhrase p;
            p.group = groupIndex;
            for (const Token &t : toks)
                p.stems.push_back(t.stem);
            auto &list = d->synonymsByFirst[p.stems.front()];
            const bool known = std::any_of(list.begin(), list.end(), [&](const SynonymPhrase &q) {
                return q.stems == p.stems;
            });
            if (!known)
                list.push_back(std::move(p));
        }
        ++groupIndex;
    }
    for (auto &[first, list] : d->synonymsByFirst) {
        std::stable_sort(list.begin(), list.end(), [](const SynonymPhrase &a, const SynonymPhrase &b) {
            return a.stems.size() > b.stems.size();
        });
    }
}

TextNormalizer::~TextNormalizer()
{
    if (d->stemmer)
        sb_stemmer_delete(d->stemmer);
}

std::string TextNormalizer::stem(std::string_view word)
{
    return d->stem(word);
}

std::vector<TextTerm> TextNormalizer::terms(std::string_view text)
{
    std::vector<Token> toks = d->tokens(d->split(text));
    d->markParties(toks);
    d->applySynonyms(toks);

    std::vector<TextTerm> out;
    out.reserve(2 * toks.size()); // a word and its phrase with the next
    // A key said twice is one term, with the stronger role and emphasis: the term just made
    // last joins the one made of its key before, if there is one.
    auto joinRepeatedKey = [&] {
        const TextTerm &term = out.back();
        for (size_t k = 0; k + 1 < out.size(); ++k) {
            TextTerm &existing = out[k];
            if (existing.key == term.key) {
                if (roleStrength(term.role) > roleStrength(existing.role))
                    existing.role = term.role;
                existing.emphasis = std::max(existing.emphasis, term.emphasis);
                existing.scope = existing.scope && term.scope;
                existing.head = existing.head && term.head;
                existing.party = existing.party && term.party;
                out.pop_back();
                return;
            }
        }
    };
    auto add = [&](TextTerm &&term) {
        out.push_back(std::move(term));
        joinRepeatedKey();
    };
    auto effectiveRole = [](const Token &t) {
        if (t.role == TermRole::Generic)
            return TermRole::Generic;
        return t.purpose ? TermRole::Purpose : t.role;
    };

    for (size_t i = 0; i < toks.size(); ++i) {
        Token &t = toks[i];
        if (t.cjk) {
            // A run of CJK characters is compared by its character bigrams; a lone
            // character stands for itself.
            const bool joinsNext = i + 1 < toks.size() && toks[i + 1].cjk
                                   && toks[i + 1].before == Break::None;
            const bool joinsPrev = i > 0 && toks[i - 1].cjk && t.before == Break::None;
            if (joinsNext) {
                const Token &n = toks[i + 1];
                TextTerm term;
                term.key = t.key + n.key;
                term.surface = term.key;
                term.stem = term.key;
                std::u32string pair;
                size_t p = 0;
                while (p < term.key.size())
                    pair += decodeUtf8(term.key, p);
                const bool isGeneric = std::find(cjkGeneric.begin(), cjkGeneric.end(), pair)
                                       != cjkGeneric.end();
                term.emphasis = t.emphasis;
                term.role = isGeneric ? TermRole::Generic
                                      : (t.purpose || n.purpose ? TermRole::Purpose
                                                                : TermRole::Object);
                add(std::move(term));
            } else if (!joinsPrev) {
                add({t.key, t.surface, t.key, effectiveRole(t), false, false, t.emphasis,
                     t.scope, false, false});
            }
            continue;
        }
        // The phrase with the next word is made before this word's strings are moved into
        // its term.
        std::optional<TextTerm> phrase;
        if (i + 1 < toks.size()) {
            const Token &n = toks[i + 1];
            // Phrases join content words of the object ("sales channels"); a verb and its
            // object ("set prices") is matched word by word, since wording varies there most.
            if (!n.cjk && n.before == Break::None && t.role != TermRole::Generic
                && n.role != TermRole::Generic
                && (t.role != TermRole::Activity || t.leadingVerb)) {
                phrase.emplace();
                // Plain stems are joined without a separator so "life cycle" meets "lifecycle".
                const bool plain = t.key == t.stem && n.key == n.stem && t.key[0] != '='
                                   && n.key[0] != '=';
                phrase->key = plain ? t.key + n.key : t.key + '|' + n.key;
                phrase->surface = t.surface + ' ' + n.surface;
                phrase->stem = t.plainStem + ' ' + n.plainStem;
                phrase->phrase = true;
                phrase->emphasis = t.emphasis;
                phrase->viaSynonym = t.viaSynonym || n.viaSynonym;
                phrase->role = t.purpose || n.purpose ? TermRole::Purpose : TermRole::Object;
                phrase->scope = t.scope || n.scope;
                phrase->party = t.party && n.party;
            }
        }
        // Made in place: a duty's words are most of the terms of every model.
        TextTerm &term = out.emplace_back();
        term.key = std::move(t.key);
        term.surface = std::move(t.surface);
        term.stem = std::move(t.plainStem);
        term.role = effectiveRole(t);
        term.viaSynonym = t.viaSynonym;
        term.emphasis = t.emphasis;
        term.scope = t.scope;
        term.head = t.head;
        term.party = t.party;
        joinRepeatedKey();
        if (phrase)
            add(std::move(*phrase));
    }
    return out;
}

} // namespace rolescope
