// What the overlap fuzz targets build their models on.
#pragma once

#include "core/model.h"

#include <string>

namespace rolescope::fuzz {

// COUNT roles r0, r1, ... without duties, all reporting to r0; the caller adds duties and
// calls rebuildIndex().
inline Model rolesReportingToTheFirst(int count)
{
    Model model;
    model.organization.name = "Fuzz";
    for (int r = 0; r < count; ++r) {
        Role role;
        role.id = "r" + std::to_string(r);
        role.title = role.id;
        if (r > 0)
            role.reportsTo = "r0";
        model.roles.push_back(std::move(role));
    }
    return model;
}

} // namespace rolescope::fuzz
