#pragma once

#include "tests/bench/rng.h"

#include <string>
#include <vector>

namespace rolescope::bench {

// One function of a synthetic company: what its people are called and what they work on.
struct DepartmentProfile
{
    std::string id;
    std::string name;
    std::string headTitle;            // the executive who leads it
    std::vector<std::string> units;   // names of its sub-departments and teams
    std::vector<std::string> topics;  // what its duties are about, most frequent first
    std::vector<std::string> jobs;    // individual contributor titles
};

// The words synthetic duties are built from: a few hundred real job-description words (verbs,
// objects, qualifiers, places, standards) plus thousands of generated product, system and
// client names, each list sampled with Zipf-like frequencies. The lists are fixed; only the
// sampling depends on the seed.
class Vocabulary
{
public:
    Vocabulary();

    const std::vector<DepartmentProfile> &departments() const { return m_departments; }

    // A duty of about 60 characters ("Reconcile quarterly supplier invoices" + " with external
    // auditors"), about DEPARTMENT's topics most of the time. Colleagues' duties often share
    // the core and differ in the tail, so the tail is kept apart.
    struct Duty
    {
        std::string core;
        std::string tail; // empty or starting with a space
        std::string text() const { return core + tail; }
    };
    Duty duty(Rng &rng, const DepartmentProfile &department) const;
    std::string tail(Rng &rng, const DepartmentProfile &department) const;
    // A duty only a manager of UNIT has ("Set quarterly objectives for the Payroll team").
    std::string managerDuty(Rng &rng, const std::string &unit) const;
    // Duties nearly everyone in a company has, worded identically.
    const std::vector<std::string> &companyDuties() const { return m_companyDuties; }

    std::string personName(Rng &rng) const;
    // How many distinct words duties can contain.
    size_t distinctWords() const;

private:
    struct List
    {
        std::vector<std::string> words;
        ZipfSampler zipf;
        const std::string &sample(Rng &rng) const { return words[zipf.sample(rng)]; }
    };
    static List makeList(std::vector<std::string> words, double exponent = 1.0);
    std::string objectPhrase(Rng &rng, const DepartmentProfile &department) const;

    std::vector<DepartmentProfile> m_departments;
    std::vector<ZipfSampler> m_topicSamplers; // parallel to m_departments
    List m_verbs;
    List m_qualifiers;
    List m_topics;
    List m_objects;
    List m_audiences;
    List m_stakeholders;
    List m_places;
    List m_sites;
    List m_standards;
    List m_goals;
    List m_programs;
    List m_products;  // generated compound names ("Datavault")
    List m_codenames; // generated project and client names ("Veltrax")
    std::vector<std::string> m_companyDuties;
    std::vector<std::string> m_firstNames;
    std::vector<std::string> m_lastNames;
};

} // namespace rolescope::bench
