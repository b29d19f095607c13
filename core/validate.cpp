#include "core/validate.h"

#include <string>
#include <unordered_map>
#include <unordered_set>

namespace rolescope {

namespace {

std::string describe(const SourcePos &pos)
{
    return "line " + std::to_string(pos.line) + ", column " + std::to_string(pos.column);
}

Diagnostic error(std::string code, std::string message, SourcePos pos, std::string roleId = {})
{
    return Diagnostic{Severity::Error, std::move(code), std::move(message), pos, std::move(roleId)};
}

// A file of two million roles with one id gave two million duplicate-id errors (300 MB, and a
// problems list nobody can read). Like the parser, list the first thousand problems, counting
// those found before validation, and say that there are more.
void report(std::vector<Diagnostic> &diagnostics, Diagnostic diagnostic)
{
    constexpr size_t MaxDiagnostics = 1000;
    if (diagnostics.size() < MaxDiagnostics) {
        diagnostics.push_back(std::move(diagnostic));
    } else if (diagnostics.size() == MaxDiagnostics) {
        diagnostics.push_back(error("too-many-diagnostics", "too many problems; the rest are not listed",
                                    diagnostic.pos));
    }
}

// Ids are compared exactly: case-sensitive, no trimming ("007" and "7" are different roles).
using IdMap = std::unordered_map<std::string_view, RoleIndex>;

void checkDepartments(const Model &model, std::vector<Diagnostic> &diagnostics)
{
    std::unordered_map<std::string_view, const Department *> seen;
    for (const Department &department : model.departments) {
        const auto [it, inserted] = seen.emplace(department.id, &department);
        if (!inserted) {
            report(diagnostics, error("duplicate-id",
                                        "duplicate department id '" + department.id
                                            + "' (first defined at " + describe(it->second->pos) + ")",
                                        department.pos));
        }
    }
    if (model.departments.empty())
        return; // without a list, a role's department is free text
    for (const Role &role : model.roles) {
        if (!role.department.empty() && !seen.count(role.department)) {
            report(diagnostics, error("unknown-department",
                                        "role '" + role.id + "' names department '" + role.department
                                            + "', which is not in the departments list",
                                        role.departmentPos, role.id));
        }
    }
}

void checkCycles(const Model &model, const IdMap &ids, std::vector<Diagnostic> &diagnostics)
{
    const size_t count = model.roles.size();
    std::vector<RoleIndex> manager(count, NoRole);
    for (size_t i = 0; i < count; ++i) {
        const Role &role = model.roles[i];
        if (role.reportsTo.empty() || role.reportsTo == role.id)
            continue;
        if (const auto it = ids.find(role.reportsTo); it != ids.end())
            manager[i] = it->second;
    }
    // Each role has at most one manager, so following managers from every unvisited role
    // finds each cycle exactly once, in linear time and without recursion.
    enum : unsigned char { Unvisited, OnPath, Done };
    std::vector<unsigned char> state(count, Unvisited);
    std::vector<RoleIndex> path;
    for (size_t start = 0; start < count; ++start) {
        path.clear();
        RoleIndex at = static_cast<RoleIndex>(start);
        while (at != NoRole && state[static_cast<size_t>(at)] == Unvisited) {
            state[static_cast<size_t>(at)] = OnPath;
            path.push_back(at);
            at = manager[static_cast<size_t>(at)];
        }
        if (at != NoRole && state[static_cast<size_t>(at)] == OnPath) {
            std::string names;
            size_t first = path.size();
            while (path[first - 1] != at)
                --first;
            --first;
            int listed = 0;
            for (size_t k = first; k < path.size(); ++k) {
                names += (k == first ? "'" : " -> '") + model.roles[static_cast<size_t>(path[k])].id + "'";
                ++listed;
            }
            names += " -> '" + model.roles[static_cast<size_t>(at)].id + "'";
            const Role &role = model.roles[static_cast<size_t>(at)];
            report(diagnostics, error("reporting-cycle",
                                        "reporting cycle of " + std::to_string(listed) + " roles: " + names,
                                        role.reportsToPos, role.id));
        }
        for (const RoleIndex visited : path)
            state[static_cast<size_t>(visited)] = Done;
    }
}

} // namespace

void validateModel(const Model &model, std::vector<Diagnostic> &diagnostics)
{
    IdMap ids;
    ids.reserve(model.roles.size());
    for (size_t i = 0; i < model.roles.size(); ++i) {
        const Role &role = model.roles[i];
        const auto [it, inserted] = ids.emplace(role.id, static_cast<RoleIndex>(i));
        if (!inserted) {
            const Role &first = model.roles[static_cast<size_t>(it->second)];
            report(diagnostics, error("duplicate-id",
                                        "duplicate role id '" + role.id + "' (first defined at "
                                            + describe(first.idPos) + ")",
                                        role.idPos, role.id));
        }
    }

    for (const Role &role : model.roles) {
        if (!role.reportsTo.empty()) {
            if (role.reportsTo == role.id) {
                report(diagnostics, error("self-report", "role '" + role.id + "' reports to itself",
                                            role.reportsToPos, role.id));
            } else if (!ids.count(role.reportsTo)) {
                report(diagnostics, error("unknown-role",
                                            "role '" + role.id + "' reports to '" + role.reportsTo
                                                + "', which is not a role in this model",
                                            role.reportsToPos, role.id));
            }
        }
        std::unordered_set<std::string_view> dottedSeen;
        for (size_t k = 0; k < role.alsoReportsTo.size(); ++k) {
            const std::string &target = role.alsoReportsTo[k];
            const SourcePos pos = k < role.alsoReportsToPos.size() ? role.alsoReportsToPos[k] : role.pos;
            if (target == role.id) {
                report(diagnostics, error("self-report",
                                            "role '" + role.id + "' has a dotted line to itself", pos,
                                            role.id));
            } else if (!ids.count(target)) {
                report(diagnostics, error("unknown-role",
                                            "role '" + role.id + "' has a dotted line to '" + target
                                                + "', which is not a role in this model",
                                            pos, role.id));
            } else if (!dottedSeen.insert(target).second) {
                report(diagnostics, Diagnostic{Severity::Warning, "duplicate-reference",
                                                 "dotted line to '" + target + "' is listed twice", pos,
                                                 role.id});
            }
        }
    }

    checkCycles(model, ids, diagnostics);
    checkDepartments(model, diagnostics);
}

} // namespace rolescope
