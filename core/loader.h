#pragma once

#include "core/diagnostic.h"
#include "core/model.h"

#include <atomic>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace rolescope {

// Bounds that keep any input, however hostile, from crashing the loader or exhausting memory.
struct LoadLimits
{
    std::uint64_t maxFileBytes = 256ull * 1024 * 1024;
    int maxNestingDepth = 64;                 // collections inside collections
    std::uint64_t maxNodes = 32'000'000;      // scalars, sequences and mappings together
    std::size_t maxScalarBytes = 64 * 1024;   // one title, duty, id...
    std::size_t maxLineBytes = 1024 * 1024;   // one line, such as a flow list
    std::size_t maxRoles = 2'000'000;
    std::size_t maxResponsibilitiesPerRole = 10'000;
    std::size_t maxKeysPerMapping = 10'000;   // the format's mappings need a few dozen at most
    // Threads that parse a large file's roles list in parallel: 0 means one per core (at most
    // four), 1 parses every file in one piece. The result is the same either way.
    unsigned parseThreads = 0;
};

// Lets a caller on another thread follow a long load and stop it. Progress counts the bytes of
// the model's text parsed so far, in steps of about half a percent; the callback runs on the
// loading threads, one call at a time, with `done` never going back. It reaches `total` when
// the parse is complete; checking the whole model and building its index follow. Setting
// `cancelled` (also from the callback) stops every parsing thread at its next role.
struct LoadControl
{
    std::atomic<bool> cancelled = false;
    std::function<void(std::uint64_t done, std::uint64_t total)> progress;
};

struct LoadResult
{
    // Present only when the file has no errors: a model with errors is never half-loaded.
    std::optional<Model> model;
    std::vector<Diagnostic> diagnostics;
    // The file itself could not be read (missing, not a regular file, I/O error), as opposed
    // to a file whose content has errors. The command line maps this to exit code 3.
    bool readFailed = false;
    // The load was stopped through LoadControl::cancelled: no model and no diagnostics.
    bool cancelled = false;

    bool ok() const { return model.has_value(); }
};

// Parses and validates a model from its bytes (UTF-8, or UTF-16 with a byte-order mark).
LoadResult loadModelFromBytes(std::string_view bytes, const LoadLimits &limits = {},
                              LoadControl *control = nullptr);

// A model file's bytes, read with the checks loadModelFromFile() makes, or the failure to report
// (unreadable, not a regular file, larger than limits.maxFileBytes).
struct ModelFileBytes
{
    std::string bytes;
    std::optional<LoadResult> failure;
};
ModelFileBytes readModelFile(const std::string &path, const LoadLimits &limits = {});

// Refuses anything that is not a regular file before opening it for reading.
LoadResult loadModelFromFile(const std::string &path, const LoadLimits &limits = {},
                             LoadControl *control = nullptr);

// Reads at most limits.maxFileBytes + 1 bytes from standard input, then loads them.
LoadResult loadModelFromStdin(const LoadLimits &limits = {});

} // namespace rolescope
