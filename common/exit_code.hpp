// Named process exit codes shared by morgue-index and morgue-search.
#pragma once

namespace morgue {

enum class ExitCode : int {
    ok = 0,
    usage = 1,
    input_rejected = 2,
    bad_query = 3,
    index_failure = 4,
    interrupted = 130,
};

constexpr int to_int(ExitCode code) noexcept { return static_cast<int>(code); }

}  // namespace morgue
