#pragma once

#include "core/model.h"

#include <QString>

#include <string>
#include <vector>

namespace rolescope {

// Finds roles by title, id, department, holder and duty text, ignoring case and accents
// ("resume" finds "Résumé"). Every word of the query must occur somewhere in the role.
// A query that only adds to the last one (typing on) looks among the last matches alone.
class RoleSearchIndex
{
public:
    // Forgets the previous model. FOLDED: foldedTexts() of MODEL, when already made (it takes
    // a quarter of a second at 100,000 roles, so a load in the background makes it on its
    // thread); otherwise it is made on the first search.
    void setModel(const Model *model, std::vector<std::string> folded = {});
    std::vector<RoleIndex> find(const QString &query) const;

    // Case folded, compatibility decomposed and without combining marks.
    static QString fold(const QString &text);
    // The searchable text of every role, folded, as UTF-8: fields separated by newlines.
    static std::vector<std::string> foldedTexts(const Model &model);

private:
    const Model *m_model = nullptr;
    mutable std::vector<std::string> m_text;
    mutable std::vector<std::string> m_lastWords;
    mutable std::vector<RoleIndex> m_lastMatches;
};

} // namespace rolescope
