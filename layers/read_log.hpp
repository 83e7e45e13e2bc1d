// Which sources a piece of work read, so that a run can say per step what it read (run.json lists
// each input with its size and modification time). Readers, called from every layer of the code,
// report each source they open; a ReadRecorder alive on the same thread collects them. Recorders
// nest: a shared layer loaded inside a step is recorded both for the step and for the cache that
// keeps it, and the cache hands its list on to every later step that uses the layer.
#pragma once

#include <string>
#include <vector>

namespace atlante {

class ReadRecorder {
  public:
    explicit ReadRecorder(std::vector<std::string>& into);
    ~ReadRecorder();
    ReadRecorder(const ReadRecorder&) = delete;
    ReadRecorder& operator=(const ReadRecorder&) = delete;

  private:
    friend void note_sources_used(const std::vector<std::string>& sources);
    std::vector<std::string>& into_;
    ReadRecorder* outer_;
};

// Records one opened source, for every recorder of this thread: a file by its absolute path,
// else as given (a connection string with its password removed). Each source once per recorder.
void note_source_read(const std::string& source);
// Records sources read earlier (a shared layer served from a cache).
void note_sources_used(const std::vector<std::string>& sources);

}  // namespace atlante
