#include "tests/bench/vocabulary.h"

#include <algorithm>
#include <cctype>
#include <set>
#include <sstream>

namespace rolescope::bench {

namespace {

std::vector<std::string> split(const char *text)
{
    std::vector<std::string> out;
    std::istringstream in(text);
    std::string item;
    while (std::getline(in, item, '|')) {
        const auto first = item.find_first_not_of(" \n");
        const auto last = item.find_last_not_of(" \n");
        if (first != std::string::npos)
            out.push_back(item.substr(first, last - first + 1));
    }
    return out;
}

std::string capitalized(std::string s)
{
    if (!s.empty())
        s[0] = char(std::toupper(static_cast<unsigned char>(s[0])));
    return s;
}

// Verbs, most frequent first (the order real job descriptions use them in, roughly).
const char *verbs = R"(manage|coordinate|develop|prepare|review|maintain|support|ensure|monitor|
lead|oversee|analyse|plan|deliver|track|implement|conduct|organise|provide|design|evaluate|
negotiate|report on|document|resolve|update|improve|process|identify|establish|define|drive|
administer|approve|assess|build|schedule|supervise|train|test|audit|reconcile|forecast|
investigate|optimise|present|prioritise|recruit|respond to|validate|verify|write|draft|create|
execute|facilitate|handle|inspect|launch|measure|mentor|operate|procure|promote|research|
safeguard|source|streamline|configure|deploy|install|troubleshoot|calibrate|catalogue|certify|
compile|consolidate|customise|debug|escalate|estimate|file|fulfil|guide|interview|invoice|
localise|market|model|moderate|onboard|package|pilot|publish|quote|rank|record|refine|renew|
repair|retire|scope|screen|settle|shortlist|simplify|standardise|survey|tender|translate|
triage|upgrade|vet|benchmark|brief|champion|chair|coach|curate|dispatch|enforce|harmonise|
integrate|map|migrate|orchestrate|quantify|rebalance|restructure|sequence|stocktake|uphold)";

const char *qualifiers = R"(monthly|quarterly|annual|weekly|daily|regional|global|internal|
external|cross-functional|strategic|operational|financial|technical|digital|enterprise|key|new|
existing|critical|local|national|international|corporate|commercial|seasonal|standard|
complex|routine|urgent|high-value|long-term|short-term|end-to-end|customer-facing|
company-wide|departmental|multi-year|year-end|month-end|outstanding|overdue|open|planned|
unplanned|recurring|ad hoc|preventive|corrective|detailed|consolidated|draft|final|approved|
pending|proposed|revised|scheduled|major|minor|senior|junior|frontline|remote|on-site|
offshore|nearshore|third-party|in-house|outsourced|automated|manual|secure|confidential|
public|statutory|regulatory|contractual|budgeted|forecast|actual|historical|real-time|
priority|strategic-account|mid-market|small-business|wholesale|retail|online|in-store|
inbound|outbound|domestic|overseas|cloud|legacy|mobile|web|hybrid|sustainable|green|safe|
accurate|timely|efficient|scalable|resilient|accessible|inclusive|compliant|audited)";

// Subjects any department may work on.
const char *topics = R"(customer|supplier|vendor|budget|project|team|product|service|sales|
marketing|quality|safety|compliance|performance|training|staff|contract|risk|cost|revenue|
process|policy|data|system|stakeholder|partner|market|operations|account|inventory|
procurement|payroll|recruitment|hiring|benefits|pricing|brand|content|campaign|event|
security|network|software|hardware|facilities|maintenance|logistics|shipping|warehouse|
production|engineering|research|design|testing|release|support|incident|change|asset|
capacity|demand|supply|order|billing|credit|tax|treasury|audit|legal|privacy|
health|wellbeing|diversity|learning|onboarding|succession|talent|workforce|office|travel|
expense|invoice|cash|ledger|reporting|analytics|dashboard|forecasting|planning|scheduling|
communication|media|social media|website|customer experience|user experience|retention|
loyalty|churn|renewal|pipeline|territory|channel|distribution|fleet|energy|environmental|
sustainability|waste|equipment|tooling|spare parts|calibration|documentation|knowledge|
licence|patent|trademark|litigation|claims|insurance|investor|board|governance|ethics|
vendor risk|business continuity|disaster recovery|access|identity|cloud|database|server|
application|integration|interface|migration|automation|machine|plant|laboratory|clinical|
regulatory|customs|import|export|freight|packaging|labelling|returns|warranty|field service)";

// Plural objects of the work.
const char *objects = R"(reports|plans|budgets|forecasts|contracts|processes|procedures|
policies|requests|records|invoices|orders|projects|programmes|campaigns|reviews|audits|
schedules|targets|metrics|requirements|specifications|proposals|agreements|accounts|
activities|operations|initiatives|standards|controls|issues|risks|documents|materials|
systems|tools|services|solutions|deliverables|priorities|objectives|resources|relationships|
teams|workflows|templates|guidelines|assessments|evaluations|analyses|inspections|
investigations|tests|releases|changes|incidents|tickets|queries|complaints|escalations|
enquiries|applications|submissions|approvals|payments|transactions|reconciliations|
statements|returns|filings|registers|inventories|shipments|deliveries|routes|bookings|
events|meetings|presentations|briefings|communications|announcements|newsletters|articles|
assets|licences|permits|certificates|claims|renewals|quotes|tenders|bids|estimates|
dashboards|models|datasets|pipelines|integrations|interfaces|configurations|backups|
upgrades|patches|alerts|logs|surveys|interviews|offers|onboarding plans|training sessions|
job descriptions|headcount plans|cost reports|status updates|work orders|purchase orders|
service requests|change requests|test plans|test cases|user stories|roadmap items)";

// Singular objects, used with "the".
const char *plans = R"(plan|budget|forecast|roadmap|strategy|process|programme|backlog|
pipeline|calendar|schedule|portfolio|policy|framework|register|handbook|catalogue|
architecture|platform|system|database|inventory|network|website|intranet|knowledge base|
operating model|risk register|control framework|release plan|product line|price list|
service catalogue|supplier base|customer base|vendor list|asset register|chart of accounts|
general ledger|annual report|quarterly review|monthly close|year-end close|audit trail)";

const char *audiences = R"(customers|employees|managers|new starters|partners|suppliers|
clients|distributors|resellers|contractors|executives|stakeholders|users|patients|students|
members|investors|regulators|auditors|agencies|developers|engineers|sales teams|field teams|
support teams|store teams|regional offices|business units|product teams|project teams|
the leadership team|the board|small businesses|enterprise accounts|public sector clients|
key accounts|international customers|internal customers|retail partners|channel partners)";

const char *stakeholders = R"(external auditors|key suppliers|the finance team|department heads|
regional managers|the legal team|senior leadership|project sponsors|the sales team|
account managers|HR business partners|the product team|engineering leads|the security team|
logistics partners|service providers|union representatives|works councils|tax advisers|
insurance brokers|outside counsel|local authorities|industry bodies|customer advocates|
the operations team|the procurement team|the marketing team|the data team|site managers|
plant managers|store managers|the PMO|the risk committee|the audit committee|shareholders)";

const char *places = R"(London|Paris|Berlin|Madrid|Rome|Lisbon|Dublin|Amsterdam|Brussels|
Vienna|Zurich|Geneva|Munich|Hamburg|Frankfurt|Milan|Barcelona|Warsaw|Prague|Budapest|
Bucharest|Athens|Istanbul|Stockholm|Oslo|Copenhagen|Helsinki|Edinburgh|Manchester|
Birmingham|Lyon|Marseille|Rotterdam|Antwerp|Porto|Seville|Valencia|Kraków|Gdańsk|Tallinn|
Riga|Vilnius|New York|Chicago|Boston|Atlanta|Dallas|Houston|Denver|Seattle|Portland|
San Francisco|Los Angeles|San Diego|Phoenix|Miami|Toronto|Montréal|Vancouver|Calgary|
Mexico City|Monterrey|Bogotá|Lima|Santiago|Buenos Aires|São Paulo|Rio de Janeiro|
Johannesburg|Cape Town|Nairobi|Lagos|Accra|Cairo|Casablanca|Dubai|Abu Dhabi|Riyadh|Doha|
Tel Aviv|Mumbai|Delhi|Bangalore|Chennai|Hyderabad|Pune|Singapore|Kuala Lumpur|Jakarta|
Bangkok|Manila|Ho Chi Minh City|Hanoi|Hong Kong|Shanghai|Beijing|Shenzhen|Taipei|Seoul|
Tokyo|Osaka|Sydney|Melbourne|Brisbane|Perth|Auckland|Wellington|EMEA|APAC|LATAM|
North America|the Nordics|the Benelux|DACH|Iberia|the Middle East|Southeast Asia)";

const char *sites = R"(office|region|plant|warehouse|distribution centre|store network|
branch network|data centre|service centre|hub|campus|laboratory|depot|contact centre)";

const char *standards = R"(company policy|ISO 9001|ISO 27001|ISO 14001|GDPR|SOX controls|
IFRS|US GAAP|PCI DSS|HIPAA|OSHA rules|local labour law|the procurement policy|
service level agreements|the travel policy|the code of conduct|budget guidelines|
brand guidelines|security standards|audit requirements|retention schedules|export controls|
anti-bribery rules|data protection law|health and safety law|quality standards)";

const char *goals = R"(reduce costs|improve retention|increase revenue|shorten lead times|
reduce churn|improve margins|cut waste|raise quality|reduce risk|improve accuracy|
increase adoption|grow market share|reduce downtime|improve response times|lower emissions|
improve satisfaction|speed up delivery|reduce errors|improve forecast accuracy|
meet quarterly targets|meet service levels|close the books on time|avoid stock-outs)";

const char *programs = R"(programme|project|rollout|migration|launch|account|initiative|
integration|upgrade|pilot|transformation|implementation|renewal|expansion|consolidation)";

const char *firstNames = R"(Maria|James|Li|Wei|Anna|Mohammed|Fatima|John|Sofia|David|Elena|
Carlos|Aisha|Daniel|Yuki|Hiroshi|Olga|Ivan|Priya|Rahul|Chen|Mei|Laura|Peter|Sara|Ahmed|
Emma|Lucas|Noah|Olivia|Liam|Ava|Mateo|Isabella|Lars|Ingrid|Jan|Eva|Tomasz|Katarzyna|Kofi|
Amara|Diego|Lucía|Pierre|Claire|Giulia|Marco|Hannah|Felix|Zara|Omar|Layla|Ravi|Ananya|
Minh|Linh|Ji-woo|Seo-yeon|Thabo|Naledi|Chloé|Julien|Aaron|Rachel|Kenji|Akiko|Sven|Freya)";

const char *lastNames = R"(Garcia|Smith|Wang|Li|Müller|Rossi|Kowalski|Novak|Ivanova|Kim|
Nguyen|Tanaka|Sato|Patel|Sharma|Khan|Hassan|Silva|Santos|Costa|Martin|Bernard|Dubois|
Schmidt|Schneider|Fischer|Jansen|de Vries|Andersson|Johansson|Nielsen|Hansen|Virtanen|
Horvat|Popescu|Papadopoulos|Yilmaz|Cohen|Levi|Okafor|Mensah|Mokoena|Brown|Jones|Taylor|
Wilson|Evans|Thomas|Roberts|Walker|Lopez|Gonzalez|Hernandez|Perez|Ramirez|Torres|Flores|
Chen|Zhang|Liu|Yang|Huang|Zhao|Wu|Zhou|Park|Choi|Singh|Kumar|Das|Reddy|Ali|Ahmed)";

// Stems for generated product and system names ("Datavault", "Aerolink").
const char *productHeads = R"(Aero|Astra|Bio|Blue|Bright|Cargo|Cloud|Core|Cyber|Data|Delta|
Eco|Edge|Flex|Fleet|Geo|Green|Grid|Health|Hydro|Info|Insight|Key|Logi|Market|Med|Metro|
Micro|Nova|Omni|Opti|Pay|People|Prime|Pro|Quant|Rapid|Retail|Sales|Smart|Solar|Spark|
Stock|Supply|Swift|Tele|Terra|Trade|True|Vita)";

const char *productTails = R"(base|bridge|cast|cloud|core|desk|dock|flow|force|gate|grid|
hub|lens|line|link|logic|mart|matics|metrics|mind|net|pay|path|point|port|pulse|scope|
sense|soft|sphere|stack|station|stream|suite|sync|track|vault|view|ware|works)";

const char *onsets = "b|br|c|cl|d|dr|f|fl|g|gr|h|j|k|kr|l|m|n|p|pr|qu|r|s|sh|st|t|th|tr|v|w|z";
const char *vowels = "a|e|i|o|u|ai|ea|io|y|ou";
const char *codas = "n|r|x|s|l|m|th|k|ra|ro|ne|ta|vo|ia";

} // namespace

Vocabulary::List Vocabulary::makeList(std::vector<std::string> words, double exponent)
{
    List list;
    list.zipf = ZipfSampler(words.size(), exponent);
    list.words = std::move(words);
    return list;
}

Vocabulary::Vocabulary()
{
    auto dept = [](const char *id, const char *name, const char *head, const char *units,
                   const char *topics, const char *jobs) {
        return DepartmentProfile{id, name, head, split(units), split(topics), split(jobs)};
    };
    m_departments = {
        dept("engineering", "Engineering", "Chief Technology Officer",
             "Platform|Mobile|Web|Infrastructure|Developer Tools|Quality Engineering|Data Platform",
             "software|release|code|architecture|API|microservice|build|deployment|reliability|"
             "test automation|technical debt|code review|observability|performance|platform",
             "Software Engineer|Backend Developer|Frontend Developer|Site Reliability Engineer|"
             "QA Engineer|DevOps Engineer|Systems Architect|Test Analyst|Mobile Developer"),
        dept("sales", "Sales", "Chief Revenue Officer",
             "EMEA Sales|Americas Sales|APAC Sales|Inside Sales|Enterprise Sales|Sales Operations",
             "sales|pipeline|deal|quota|territory|opportunity|prospect|account|pricing|"
             "discount|proposal|renewal|upsell|lead|commission",
             "Account Executive|Sales Representative|Sales Development Representative|"
             "Key Account Manager|Sales Engineer|Sales Analyst|Inside Sales Representative"),
        dept("marketing", "Marketing", "Chief Marketing Officer",
             "Brand|Digital Marketing|Product Marketing|Communications|Events|Market Research",
             "campaign|brand|content|market research|advertising|social media|SEO|event|"
             "lead generation|newsletter|press|positioning|messaging|website|promotion",
             "Marketing Specialist|Content Writer|Graphic Designer|SEO Specialist|"
             "Marketing Analyst|Social Media Coordinator|Events Coordinator|Copywriter"),
        dept("finance", "Finance", "Chief Financial Officer",
             "Accounting|Treasury|Financial Planning|Tax|Accounts Payable|Accounts Receivable",
             "ledger|invoice|payment|budget|forecast|tax|treasury|cash flow|accrual|audit|"
             "expense|revenue recognition|financial statement|cost centre|variance",
             "Accountant|Financial Analyst|Accounts Payable Clerk|Tax Specialist|"
             "Treasury Analyst|Payroll Accountant|Credit Controller|Billing Specialist"),
        dept("people", "People", "Chief People Officer",
             "Talent Acquisition|HR Operations|Learning and Development|Compensation|Employee Relations",
             "recruitment|onboarding|benefits|payroll|performance review|training|"
             "compensation|employee relations|succession|talent|engagement survey|"
             "headcount|job description|leave|workforce planning",
             "HR Generalist|Recruiter|HR Coordinator|Learning Specialist|Payroll Specialist|"
             "Compensation Analyst|HR Business Partner|Talent Sourcer"),
        dept("operations", "Operations", "Chief Operating Officer",
             "Logistics|Warehousing|Fleet|Facilities|Procurement|Planning",
             "logistics|warehouse|shipment|inventory|fleet|route|supplier|purchase order|"
             "stock|delivery|freight|capacity|facilities|maintenance|safety",
             "Logistics Coordinator|Warehouse Associate|Buyer|Procurement Specialist|"
             "Facilities Coordinator|Fleet Planner|Inventory Analyst|Operations Analyst"),
        dept("product", "Product", "Chief Product Officer",
             "Core Product|Growth|Payments Product|Mobile Product|Design|User Research",
             "roadmap|feature|requirement|user story|backlog|user research|prototype|"
             "product metric|release|experiment|design system|usability|persona|launch",
             "Product Manager|Product Owner|UX Designer|UI Designer|User Researcher|"
             "Product Analyst|Business Analyst|Technical Writer"),
        dept("support", "Customer Service", "Vice President, Customer Service",
             "Customer Care|Technical Support|Customer Success|Service Quality|Contact Centre",
             "ticket|complaint|customer enquiry|escalation|service level|knowledge base|"
             "refund|return|satisfaction survey|call|chat|case|warranty|feedback|churn",
             "Customer Service Representative|Support Specialist|Customer Success Manager|"
             "Technical Support Engineer|Service Desk Analyst|Quality Assurance Agent"),
        dept("it", "IT", "Chief Information Officer",
             "Service Desk|Networks|End User Computing|Enterprise Applications|IT Security",
             "laptop|network|server|licence|access request|identity|backup|patch|"
             "service desk|ERP|email|VPN|device|firewall|vulnerability",
             "IT Support Technician|Systems Administrator|Network Engineer|Security Analyst|"
             "Database Administrator|ERP Consultant|Service Desk Technician"),
        dept("legal", "Legal", "General Counsel",
             "Commercial Legal|Compliance|Privacy|Corporate Secretariat|Intellectual Property",
             "contract|clause|compliance|privacy|litigation|policy|regulation|trademark|"
             "patent|board minute|dispute|licence agreement|NDA|data protection|sanction",
             "Legal Counsel|Paralegal|Compliance Officer|Privacy Analyst|Contracts Manager|"
             "Company Secretary Assistant|IP Specialist"),
        dept("manufacturing", "Manufacturing", "Vice President, Manufacturing",
             "Assembly|Machining|Packaging|Maintenance|Production Planning|Process Engineering",
             "production|assembly line|machine|shift|work order|tooling|yield|downtime|"
             "scrap|batch|preventive maintenance|spare part|lean|changeover|OEE",
             "Production Operator|Machine Technician|Maintenance Technician|Process Engineer|"
             "Production Planner|Shift Supervisor Assistant|Quality Inspector"),
        dept("quality", "Quality", "Vice President, Quality",
             "Quality Assurance|Quality Control|Supplier Quality|Regulatory Affairs",
             "quality|inspection|non-conformance|corrective action|audit|certification|"
             "calibration|specification|defect|root cause|validation|recall|deviation",
             "Quality Engineer|Quality Inspector|Regulatory Specialist|Validation Engineer|"
             "Document Controller|Supplier Quality Engineer"),
        dept("data", "Data and Analytics", "Chief Data Officer",
             "Business Intelligence|Data Engineering|Data Science|Data Governance",
             "dashboard|data model|data pipeline|report|metric|data quality|forecast model|"
             "machine learning|dataset|warehouse table|KPI|experiment|segmentation",
             "Data Analyst|Data Engineer|Data Scientist|BI Developer|Analytics Engineer|"
             "Data Steward|Machine Learning Engineer"),
        dept("security", "Security", "Chief Information Security Officer",
             "Security Operations|Governance and Risk|Physical Security|Identity",
             "threat|incident|vulnerability|access review|penetration test|security policy|"
             "risk assessment|phishing|alert|encryption|badge|CCTV|security awareness",
             "Security Analyst|SOC Analyst|Security Engineer|Risk Analyst|"
             "Identity Administrator|Security Officer"),
        dept("research", "Research and Development", "Vice President, Research",
             "Applied Research|Laboratory|Materials|Clinical Studies|Innovation",
             "experiment|prototype|laboratory|patent|study|sample|protocol|trial|"
             "publication|grant|material|formulation|test method|literature review",
             "Research Scientist|Laboratory Technician|Research Assistant|Clinical Associate|"
             "Materials Engineer|Innovation Analyst"),
        dept("strategy", "Strategy and Corporate Development", "Chief Strategy Officer",
             "Corporate Development|Strategy|Investor Relations|Programme Office",
             "strategy|acquisition|business case|market analysis|investor|board paper|"
             "portfolio|partnership|due diligence|programme|OKR|benchmark|scenario",
             "Strategy Analyst|Corporate Development Associate|Investor Relations Analyst|"
             "Programme Analyst|Business Planner"),
    };
    for (const DepartmentProfile &d : m_departments)
        m_topicSamplers.emplace_back(d.topics.size(), 0.7);

    // Exponents below 1 for the heads of a duty: real wording varies more than a steep Zipf
    // curve over a few hundred verbs and objects would make it, which would make most duties
    // look alike by chance.
    m_verbs = makeList(split(verbs), 0.8);
    m_qualifiers = makeList(split(qualifiers), 0.8);
    m_topics = makeList(split(topics), 0.8);
    m_objects = makeList(split(objects), 0.8);
    // The singular objects share the object list's sampler shape but not its words.
    List plansList = makeList(split(plans), 0.9);
    for (std::string &p : plansList.words)
        p = "the|" + p; // marked: "the" goes before the qualifier and topic
    m_objects.words.insert(m_objects.words.end(), plansList.words.begin(),
                           plansList.words.end());
    m_objects.zipf = ZipfSampler(m_objects.words.size(), 0.8);
    m_audiences = makeList(split(audiences), 0.9);
    m_stakeholders = makeList(split(stakeholders), 0.9);
    m_places = makeList(split(places), 1.0);
    m_sites = makeList(split(sites), 1.0);
    m_standards = makeList(split(standards), 1.0);
    m_goals = makeList(split(goals), 1.0);
    m_programs = makeList(split(programs), 1.0);
    m_firstNames = split(firstNames);
    m_lastNames = split(lastNames);

    // Generated names, in a fixed order (their Zipf rank); the sequence is seeded by a
    // constant so every run and seed shares one vocabulary.
    Rng nameRng(0x5eed);
    std::vector<std::string> products;
    for (const std::string &h : split(productHeads))
        for (const std::string &t : split(productTails))
            products.push_back(h + t);
    for (size_t i = products.size(); i > 1; --i)
        std::swap(products[i - 1], products[nameRng.below(i)]);
    m_products = makeList(std::move(products), 1.0);

    const auto on = split(onsets);
    const auto vo = split(vowels);
    const auto co = split(codas);
    std::set<std::string> seen(m_products.words.begin(), m_products.words.end());
    std::vector<std::string> codenames;
    while (codenames.size() < 4000) {
        std::string name = nameRng.pick(on) + nameRng.pick(vo) + nameRng.pick(on)
                           + nameRng.pick(vo);
        if (nameRng.chance(0.6))
            name += nameRng.pick(co);
        name = capitalized(name);
        if (name.size() >= 5 && seen.insert(name).second)
            codenames.push_back(name);
    }
    m_codenames = makeList(std::move(codenames), 1.0);

    m_companyDuties = split(R"(Comply with company health, safety and security policies|
Complete mandatory compliance and data protection training each year|
Record working time and absences accurately in the HR system|
Protect confidential company and customer information at all times|
Report incidents, hazards and near misses to the line manager promptly|
Keep personal objectives and development plans up to date|
Follow the code of conduct and the anti-bribery policy|
Submit travel and expense claims in line with the travel policy)");
}

std::string Vocabulary::objectPhrase(Rng &rng, const DepartmentProfile &department) const
{
    std::string object = m_objects.sample(rng);
    const bool definite = object.starts_with("the|");
    if (definite)
        object = object.substr(4);
    std::string topic;
    const size_t d = size_t(&department - m_departments.data());
    const double r = rng.real();
    if (r < 0.5)
        topic = department.topics[m_topicSamplers[d].sample(rng)];
    else if (r < 0.75)
        topic = m_topics.sample(rng);
    else
        topic = m_products.sample(rng) + " " + m_topics.sample(rng);
    std::string phrase = definite ? "the " : "";
    if (rng.chance(0.45))
        phrase += m_qualifiers.sample(rng) + " ";
    return phrase + topic + " " + object;
}

std::string Vocabulary::tail(Rng &rng, const DepartmentProfile &department) const
{
    const double r = rng.real();
    if (r < 0.16)
        return " for " + m_audiences.sample(rng);
    if (r < 0.28)
        return " with " + m_stakeholders.sample(rng);
    if (r < 0.46)
        return " across the " + m_places.sample(rng) + " " + m_sites.sample(rng);
    if (r < 0.68)
        return " for the " + m_codenames.sample(rng) + " " + m_programs.sample(rng);
    if (r < 0.80)
        return " using " + m_products.sample(rng);
    if (r < 0.87)
        return " in line with " + m_standards.sample(rng);
    if (r < 0.93)
        return " to " + m_goals.sample(rng);
    return " for the " + rng.pick(department.units) + " team";
}

Vocabulary::Duty Vocabulary::duty(Rng &rng, const DepartmentProfile &department) const
{
    // Real duties run from about 40 to 80 characters; aim for a spread around 63.
    const size_t target = size_t(rng.between(55, 81));
    const auto distance = [target](const Duty &d) {
        const size_t size = d.core.size() + d.tail.size();
        return size > target ? size - target : target - size;
    };
    Duty best;
    for (int attempt = 0; attempt < 6; ++attempt) {
        Duty candidate{capitalized(m_verbs.sample(rng)) + " " + objectPhrase(rng, department), {}};
        if (candidate.core.size() + 12 < target || rng.chance(0.5))
            candidate.tail = tail(rng, department);
        if (best.core.empty() || distance(candidate) < distance(best))
            best = std::move(candidate);
        if (distance(best) <= 6)
            break;
    }
    return best;
}

std::string Vocabulary::managerDuty(Rng &rng, const std::string &unit) const
{
    static const std::vector<std::string> forms = split(R"(
Set quarterly objectives and priorities for the % team|
Hire, coach and develop the people of the % team|
Approve budgets, headcount and spending for %|
Run performance reviews and one-to-ones for the % team|
Report % results and risks to senior leadership|
Agree service levels and plans for % with other departments|
Lead weekly planning and reporting meetings for %|
Plan % staffing, rotas and holiday cover|
Own the % budget and report variances monthly|
Recruit and onboard new members of the % team|
Build the % hiring plan with HR business partners|
Resolve escalations raised by the % team|
Keep % procedures and job descriptions current|
Represent % in the leadership team's quarterly reviews|
Coach % team leads on priorities and delivery|
Sign off % spending within delegated authority)");
    std::string text = rng.pick(forms);
    text.replace(text.find('%'), 1, unit);
    return text;
}

std::string Vocabulary::personName(Rng &rng) const
{
    return rng.pick(m_firstNames) + " " + rng.pick(m_lastNames);
}

size_t Vocabulary::distinctWords() const
{
    std::set<std::string> words;
    auto add = [&words](const std::string &phrase) {
        std::string word;
        for (char c : phrase + " ") {
            if (c == ' ' || c == '|') {
                if (!word.empty())
                    words.insert(word);
                word.clear();
            } else {
                word += char(std::tolower(static_cast<unsigned char>(c)));
            }
        }
    };
    for (const List *list : {&m_verbs, &m_qualifiers, &m_topics, &m_objects, &m_audiences,
                             &m_stakeholders, &m_places, &m_sites, &m_standards, &m_goals,
                             &m_programs, &m_products, &m_codenames})
        for (const std::string &w : list->words)
            add(w);
    for (const DepartmentProfile &d : m_departments) {
        for (const std::string &w : d.topics)
            add(w);
        for (const std::string &w : d.units)
            add(w);
    }
    return words.size();
}

} // namespace rolescope::bench
