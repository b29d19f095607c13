#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace rolescope {

// What part a term plays in a duty. Duties are mostly "verb + object (+ purpose)": the object
// carries the identity of the work, the verb class less, a purpose clause ("to ensure ...") and
// generic verbs ("manage", "coordinate") least.
enum class TermRole { Object, Activity, Purpose, Generic };

// One unit of meaning of a duty text after normalisation.
struct TextTerm
{
    // Canonical key: an English stem ("research"), two stems joined for a phrase
    // ("marketresearch", so "life cycle" and "lifecycle" meet), "~plan" for a built-in verb
    // class, "=N" for the model's synonym group N, or a CJK character bigram.
    std::string key;
    std::string surface; // the words as written, lower-cased, for explaining a match
    std::string stem;    // the plain stems of those words, before synonyms and verb classes
    TermRole role = TermRole::Object;
    bool phrase = false;     // two content words in a row
    bool viaSynonym = false; // reached through a synonym group or a verb class
    // How much the term's place in the text counts: the head of a duty comes first, the later
    // qualifications and examples ("such as ...", "including ...") less.
    float emphasis = 1.0f;
    // In a qualifier of place or rule ("across the London office", "in line with company
    // policy"): it counts in a score, but two duties that share nothing else do not describe
    // the same work.
    bool scope = false;
    // One of the verbs that open a duty or a sentence of it ("Find and qualify new suppliers"),
    // or the verb of a purpose clause ("to develop"): two duties that share only their verbs do
    // different work.
    bool head = false;
    // Names people or an outside party the work is done for, with or on ("project personnel",
    // "staff members", "customers", "suppliers"): two duties that share only whom they deal
    // with do the same work only if they also share what they do ("Recruit staff" and "Hire
    // employees", not "Recruit staff" and "Train staff").
    bool party = false;
};

// Turns duty texts into terms: case folding (ASCII and Latin accents), punctuation, stop words,
// British/American spelling, Snowball English stemming, synonym groups (words or phrases mapped
// to one term), character bigrams for CJK text, and two-word phrases as units.
// Not thread-safe (the stemmer and its cache are per instance); use one per thread.
class TextNormalizer
{
public:
    // Each group lists words or phrases that mean the same thing, e.g. {"market research",
    // "market analysis"}. Groups are numbered in order; a phrase in several groups joins the first.
    explicit TextNormalizer(const std::vector<std::vector<std::string>> &synonymGroups = {});
    ~TextNormalizer();
    TextNormalizer(const TextNormalizer &) = delete;
    TextNormalizer &operator=(const TextNormalizer &) = delete;

    // Terms of one text, each key once (the first occurrence, with the strongest role).
    std::vector<TextTerm> terms(std::string_view text);

    // The stem of one already lower-cased ASCII word, after spelling normalisation.
    std::string stem(std::string_view word);

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace rolescope
