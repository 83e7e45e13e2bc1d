// Where a run may write. An output folder is atlante's or empty: a new folder, an empty one, or
// one that holds an earlier atlante run (its run.json says so), whose files the same steps'
// new files replace. Anything else (the root, the home folder, a folder of other files) is
// refused before any work, so a run never mixes its files with, or replaces, someone else's.
#pragma once

#include <filesystem>

namespace atlante {

// Throws an Error naming the folder and why it is refused.
void check_output_folder(const std::filesystem::path& folder);
// Only the first part, for a step that writes one named file into a folder of the user's: not
// empty, not the root, not the home folder. Returns the folder's absolute path.
std::filesystem::path check_not_a_system_folder(const std::filesystem::path& folder);

}  // namespace atlante
