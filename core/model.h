#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

namespace rolescope {

// 1-based line and column of a value in the source file; 0 means "no position"
// (the built-in model edited in memory, or a value the file did not contain).
struct SourcePos
{
    int line = 0;
    int column = 0;

    bool isValid() const { return line > 0; }
    friend bool operator==(const SourcePos &, const SourcePos &) = default;
};

struct Responsibility
{
    std::string text;
    std::vector<std::string> tags;
    SourcePos pos;
};

struct Department
{
    std::string id;
    std::string name;  // defaults to id
    std::string color; // as written in the file; empty when not given
    SourcePos pos;
};

struct Organization
{
    std::string name;
    std::string description;
    SourcePos pos;
};

struct Role
{
    std::string id;
    std::string title;
    std::string reportsTo; // empty: a top role (ids are never empty)
    std::vector<std::string> alsoReportsTo;
    std::string department;
    std::vector<std::string> holders; // empty: vacant
    std::string summary;
    std::vector<Responsibility> responsibilities;

    SourcePos pos; // the "- id: ..." item itself
    SourcePos idPos;
    SourcePos titlePos;
    SourcePos reportsToPos;
    SourcePos departmentPos;
    std::vector<SourcePos> alsoReportsToPos; // parallel to alsoReportsTo

    bool isVacant() const { return holders.empty(); }
};

struct OverlapSettings
{
    std::optional<double> threshold;
    std::vector<std::vector<std::string>> synonyms;
};

using RoleIndex = int;
inline constexpr RoleIndex NoRole = -1;

// A loaded role model: plain values plus an index over them. After changing `roles`
// call rebuildIndex(); the index is only meaningful for a model without errors
// (unique ids, known managers, no cycles), which is the only kind the loader returns.
class Model
{
public:
    Organization organization;
    std::vector<Department> departments;
    std::vector<Role> roles;
    OverlapSettings overlapSettings;

    void rebuildIndex();

    int roleCount() const { return static_cast<int>(roles.size()); }
    const Role &role(RoleIndex index) const { return roles[static_cast<size_t>(index)]; }

    RoleIndex find(std::string_view id) const;
    RoleIndex parentOf(RoleIndex index) const { return m_parent[static_cast<size_t>(index)]; }
    // Direct reports in file order.
    std::span<const RoleIndex> childrenOf(RoleIndex index) const;
    // Roles with no manager, in file order.
    std::span<const RoleIndex> topRoles() const { return m_topRoles; }
    // Dotted-line managers that exist in the model (not the role itself), in file order.
    std::vector<RoleIndex> dottedManagersOf(RoleIndex index) const;
    // Every dotted line of the model as (manager, report), reports in file order: a layout
    // visits these few instead of every role.
    const std::vector<std::pair<RoleIndex, RoleIndex>> &dottedLines() const { return m_dottedLines; }
    // Number of managers above the role (0 for a top role). Iterative: chains may be deep.
    int depthOf(RoleIndex index) const;

    const Department *findDepartment(std::string_view id) const;
    // The department's display name, or the free text when there is no such department.
    std::string departmentName(const Role &role) const;

private:
    struct StringHash
    {
        using is_transparent = void;
        size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
    };
    std::unordered_map<std::string, RoleIndex, StringHash, std::equal_to<>> m_byId;
    std::vector<RoleIndex> m_parent;
    std::vector<int> m_childStart; // children of i are m_children[m_childStart[i] .. m_childStart[i+1])
    std::vector<RoleIndex> m_children;
    std::vector<RoleIndex> m_topRoles;
    std::vector<std::pair<RoleIndex, RoleIndex>> m_dottedLines;
};

} // namespace rolescope
