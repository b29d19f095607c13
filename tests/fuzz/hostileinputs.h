#pragma once

// Generated hostile model files: each is made to hit one limit or one costly path of the
// loader. Shared by tests/core/hostile_input_test.cpp (at sizes that keep the suite quick)
// and tests/fuzz/measure_hostile.cpp (at full size, for the times and memory in
// docs/robustness.md).

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace rolescope::hostile {

struct HostileInput
{
    const char *name;
    const char *expectedCode; // the diagnostic the loader must give
    std::string (*make)(std::size_t scale);
    std::size_t fullScale; // what measure_hostile uses
    std::size_t testScale; // what the unit test uses; 0: too big for it (see the test)
};

inline std::string repeat(std::string_view unit, std::size_t count)
{
    std::string out;
    out.reserve(unit.size() * count);
    for (std::size_t i = 0; i < count; ++i)
        out += unit;
    return out;
}

inline const std::string &header()
{
    static const std::string text = "organization: {name: X}\n";
    return text;
}

inline const std::vector<HostileInput> &hostileInputs()
{
    static const std::vector<HostileInput> inputs{
        {"open-brackets", "nesting-too-deep",
         [](std::size_t n) { return header() + "roles: " + std::string(n, '['); }, 64u << 20, 8u << 20},
        {"deep-flow-mappings", "nesting-too-deep",
         [](std::size_t n) { return header() + "roles: " + repeat("{a: ", n) + repeat("}", n); }, 4u << 20,
         1u << 20},
        {"deep-block-sequences", "nesting-too-deep",
         [](std::size_t n) { return header() + "roles:\n" + repeat("- ", n) + "x\n"; }, 16u << 20, 1u << 20},
        {"deep-block-mappings", "nesting-too-deep",
         [](std::size_t n) {
             std::string yaml = header() + "roles:\n  - id: a\n    title: A\n    summary:\n";
             for (std::size_t level = 0; level < n; ++level)
                 yaml += std::string(6 + 2 * level, ' ') + "k:\n";
             return yaml + std::string(6 + 2 * n, ' ') + "v\n";
         },
         2000, 500},
        {"alias-bomb", "alias-not-supported",
         [](std::size_t n) {
             std::string yaml = header() + "roles: [{id: a, title: A}]\nsettings:\n  l0: &l0 [lol, lol]\n";
             for (std::size_t level = 1; level < n; ++level) {
                 yaml += "  l" + std::to_string(level) + ": &l" + std::to_string(level) + " [";
                 for (int k = 0; k < 10; ++k)
                     yaml += std::string(k ? ", " : "") + "*l" + std::to_string(level - 1);
                 yaml += "]\n";
             }
             return yaml;
         },
         100000, 2000},
        {"many-aliases", "alias-not-supported",
         [](std::size_t n) { return header() + "roles: [{id: a, title: A}]\nx: &a b\ny: [" + repeat("*a, ", n) + "]\n"; },
         4u << 20, 100000},
        {"wide-mapping", "too-many-keys",
         [](std::size_t n) {
             std::string yaml = header() + "roles:\n  - id: a\n    title: A\n";
             for (std::size_t i = 0; i < n; ++i)
                 yaml += "    key" + std::to_string(i) + ": v\n";
             return yaml;
         },
         200000, 50000},
        {"duplicate-keys", "duplicate-key",
         [](std::size_t n) { return header() + "roles: [{id: a, title: A}]\nsettings:\n" + repeat("  k: v\n", n); },
         1000000, 200000},
        {"huge-scalar", "scalar-too-long",
         [](std::size_t n) { return header() + "roles:\n  - id: a\n    title: " + std::string(n, 'x') + "\n"; },
         200u << 20, 1u << 20},
        {"huge-quoted-scalar", "scalar-too-long",
         [](std::size_t n) { return header() + "roles:\n  - id: a\n    title: \"" + std::string(n, 'x') + "\"\n"; },
         200u << 20, 1u << 20},
        {"many-documents", "multiple-documents",
         [](std::size_t n) { return header() + "roles: [{id: a, title: A}]\n" + repeat("---\n", n); },
         16u << 20, 1u << 20},
        {"long-flow-line", "line-too-long",
         [](std::size_t n) { return header() + "roles: [{id: a, title: A}]\njunk: [" + repeat("x,", n) + "x]\n"; },
         40u << 20, 1u << 20},
        {"many-roles", "too-many-roles",
         [](std::size_t n) { return header() + "roles:\n" + repeat("  - {id: r, title: T}\n", n); },
         2100000, 0},
        {"many-duties", "too-many-responsibilities",
         [](std::size_t n) {
             return header() + "roles:\n  - id: a\n    title: A\n    responsibilities:\n" + repeat("      - d\n", n);
         },
         2000000, 10001},
        {"bad-bytes", "too-many-diagnostics",
         [](std::size_t n) { return header() + "roles: [{id: a, title: A}]\n# " + repeat("\xff", n) + "\n"; },
         200u << 20, 1u << 20},
        {"unclosed-quote", "unclosed-quote",
         [](std::size_t n) { return header() + "roles:\n  - id: \"a\n" + repeat("    title: T\n", n); },
         16u << 20, 10000},
    };
    return inputs;
}

} // namespace rolescope::hostile
