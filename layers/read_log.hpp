// Every source a process opened for reading, in order, so that a run can say what it read (its
// manifest lists each input with its size and modification time). Process-wide on purpose:
// readers are called from every layer of the code and from worker threads; a log they all
// append to is simpler than threading a recorder through each call. Thread-safe.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace atlante {

// Records one opened source: a file by its absolute path, else as given (a connection string
// with its password removed).
void note_source_read(const std::string& source);
// How many reads have been recorded so far, and the sources read from position `from` on.
std::size_t sources_read_count();
std::vector<std::string> sources_read_since(std::size_t from);

}  // namespace atlante
