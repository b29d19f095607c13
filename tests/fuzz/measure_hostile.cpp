// Loads each generated hostile input at full size with the default limits and prints how
// long the rejection took and the diagnostic given. Run one input per process under
// /usr/bin/time to see its peak memory (measure-hostile.sh does both).
//   measure_hostile                 lists the inputs
//   measure_hostile NAME [SCALE]    loads one, at full size or SCALE
#include "core/loader.h"
#include "tests/fuzz/hostileinputs.h"

#include <chrono>
#include <cstdio>
#include <cstring>
#include <string>

using namespace rolescope;

int main(int argc, char **argv)
{
    if (argc < 2) {
        for (const hostile::HostileInput &input : hostile::hostileInputs())
            std::printf("%s\n", input.name);
        return 0;
    }
    for (const hostile::HostileInput &input : hostile::hostileInputs()) {
        if (std::strcmp(input.name, argv[1]) != 0)
            continue;
        const std::string bytes = input.make(argc > 2 ? std::stoul(argv[2]) : input.fullScale);
        const auto start = std::chrono::steady_clock::now();
        const LoadResult result = loadModelFromBytes(bytes);
        const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        bool found = false;
        for (const Diagnostic &d : result.diagnostics)
            found = found || d.code == input.expectedCode;
        const Diagnostic *first = result.diagnostics.empty() ? nullptr : &result.diagnostics.front();
        std::printf("%-22s %8.1f MB %7.3f s  %s  %zu diagnostics, first: %s:%d:%d %s\n", input.name,
                    bytes.size() / 1048576.0, seconds, found ? "ok" : "WRONG", result.diagnostics.size(),
                    first ? first->code.c_str() : "-", first ? first->pos.line : 0,
                    first ? first->pos.column : 0, result.model ? "(model loaded!)" : "");
        return found && !result.model ? 0 : 1;
    }
    std::fprintf(stderr, "no input named %s\n", argv[1]);
    return 2;
}
