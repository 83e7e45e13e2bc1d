// Where long work reports how far it got. Steps report through this interface; the command line
// gives them a terminal status line (cli/terminal_progress), tests and libraries the base class,
// which shows nothing. Implementations are called from several steps' threads at once.
#pragma once

#include <cstddef>
#include <string>

namespace atlante {

class ProgressSink {
  public:
    virtual ~ProgressSink() = default;
    // "loading comuni"
    virtual void step(const std::string& what) { (void)what; }
    // "pages 12/312"
    virtual void count(const std::string& what, std::size_t done, std::size_t total) {
        (void)what, (void)done, (void)total;
    }
    virtual void clear() {}
};

}  // namespace atlante
