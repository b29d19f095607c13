#include "app/rolesearch.h"

#include <QStringList>

#include <algorithm>
#include <string_view>

namespace rolescope {

namespace {

bool isAscii(std::string_view text)
{
    return std::all_of(text.begin(), text.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
}

// Most text is ASCII, which only needs lowering: converting 50 MB to UTF-16 and back is what
// made the first search at 100,000 roles slow.
std::string foldUtf8(std::string text)
{
    if (isAscii(text)) {
        for (char &c : text) {
            if (c >= 'A' && c <= 'Z')
                c = static_cast<char>(c - 'A' + 'a');
        }
        return text;
    }
    return RoleSearchIndex::fold(QString::fromUtf8(text.data(), static_cast<qsizetype>(text.size())))
        .toStdString();
}

// Every role that contains WORD also contains each part of it: a query whose every earlier
// word is part of one of its words can only match among the earlier matches.
bool narrows(const std::vector<std::string> &words, const std::vector<std::string> &earlier)
{
    return !earlier.empty() && std::all_of(earlier.begin(), earlier.end(), [&](const std::string &old) {
        return std::any_of(words.begin(), words.end(), [&](const std::string &word) {
            return word.find(old) != std::string::npos;
        });
    });
}

} // namespace

void RoleSearchIndex::setModel(const Model *model, std::vector<std::string> folded)
{
    m_model = model;
    m_text = std::move(folded);
    if (!m_model || m_text.size() != static_cast<size_t>(m_model->roleCount()))
        m_text.clear();
    m_lastWords.clear();
    m_lastMatches.clear();
}

QString RoleSearchIndex::fold(const QString &text)
{
    // Most text is ASCII, which has no accents to remove; decomposing it is the slow part.
    const bool ascii = std::all_of(text.begin(), text.end(),
                                   [](QChar c) { return c.unicode() < 0x80; });
    if (ascii)
        return text.toLower();
    const QString decomposed = text.normalized(QString::NormalizationForm_KD);
    QString folded;
    folded.reserve(decomposed.size());
    for (const QChar c : decomposed) {
        if (c.category() != QChar::Mark_NonSpacing)
            folded.append(c);
    }
    return folded.toCaseFolded();
}

std::vector<std::string> RoleSearchIndex::foldedTexts(const Model &model)
{
    std::vector<std::string> texts(static_cast<size_t>(model.roleCount()));
    for (RoleIndex i = 0; i < model.roleCount(); ++i) {
        const Role &role = model.role(i);
        std::string text = role.title + '\n' + role.id + '\n' + model.departmentName(role);
        for (const std::string &holder : role.holders)
            text.append(1, '\n').append(holder);
        for (const Responsibility &duty : role.responsibilities)
            text.append(1, '\n').append(duty.text);
        texts[static_cast<size_t>(i)] = foldUtf8(std::move(text));
    }
    return texts;
}

std::vector<RoleIndex> RoleSearchIndex::find(const QString &query) const
{
    std::vector<RoleIndex> matches;
    std::vector<std::string> words;
    for (const QString &word : fold(query).simplified().split(u' ', Qt::SkipEmptyParts))
        words.push_back(word.toStdString());
    if (!m_model || words.empty()) {
        m_lastWords.clear();
        return matches;
    }
    if (m_text.empty())
        m_text = foldedTexts(*m_model);
    // UTF-8 substrings of valid UTF-8 text start and end on whole characters, so searching
    // the bytes finds what searching the characters would.
    const auto matchesAll = [&](RoleIndex role) {
        const std::string_view text = m_text[static_cast<size_t>(role)];
        return std::all_of(words.begin(), words.end(), [text](const std::string &word) {
            return text.find(word) != std::string_view::npos;
        });
    };
    if (narrows(words, m_lastWords)) {
        std::copy_if(m_lastMatches.begin(), m_lastMatches.end(), std::back_inserter(matches), matchesAll);
    } else {
        for (RoleIndex role = 0; role < m_model->roleCount(); ++role) {
            if (matchesAll(role))
                matches.push_back(role);
        }
    }
    m_lastWords = std::move(words);
    m_lastMatches = matches;
    return matches;
}

} // namespace rolescope
