#include "layers/atomic_output.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <thread>
#include <vector>

#include "layers/error.hpp"

namespace atlante {
namespace {

namespace fs = std::filesystem;

fs::path fresh_folder(const std::string& name) {
    const fs::path folder = fs::path(::testing::TempDir()) / ("atomic_output_" + name);
    fs::remove_all(folder);
    fs::create_directories(folder);
    return folder;
}

std::vector<std::string> entries(const fs::path& folder) {
    std::vector<std::string> names;
    for (const auto& entry : fs::directory_iterator(folder))
        names.push_back(entry.path().filename().string());
    return names;
}

// Writers open and close staged outputs as fast as they can; a stop, as the signal watcher
// makes it, must leave nothing of theirs however the threads are caught.
void stop_while_writers_run(const fs::path& folder) {
    std::atomic<bool> run{true};
    std::vector<std::thread> writers;
    for (int w = 0; w < 3; ++w)
        writers.emplace_back([&] {
            while (run) try {
                    StagedOutputs staged(folder);
                    std::ofstream(staged.path("dati.csv")) << "id;valore\n1;2\n";
                    AtomicOutput file(staged.staging() / "nota.txt");
                    std::ofstream(file.temporary()) << "nota";
                    file.commit();
                } catch (const Error&) {  // refused once the stop began: as a step would be
                }
        });
    std::this_thread::sleep_for(std::chrono::milliseconds(30));
    discard_outputs_in_progress();
    ::_exit(entries(folder).empty() ? 0 : 1);  // as the watcher does, threads still running
}

TEST(AtomicOutput, StopLeavesNoStagingFolderWhileWritersRun) {
    for (int attempt = 0; attempt < 20; ++attempt) {
        const fs::path folder = fresh_folder("stop");
        EXPECT_EXIT(stop_while_writers_run(folder), ::testing::ExitedWithCode(0), "")
            << "attempt " << attempt;
        EXPECT_TRUE(entries(folder).empty()) << "attempt " << attempt << ": " << entries(folder)[0];
    }
}

TEST(AtomicOutput, NoOutputStartsOnceTheStopBegan) {
    const fs::path folder = fresh_folder("refused");
    EXPECT_EXIT(
        {
            discard_outputs_in_progress();
            try {
                StagedOutputs staged(folder);
            } catch (const Error& e) {
                ::_exit(std::string(e.what()).find("the run is being stopped") != std::string::npos
                            ? 0
                            : 1);
            }
            ::_exit(2);
        },
        ::testing::ExitedWithCode(0), "");
    EXPECT_TRUE(entries(folder).empty());
}

TEST(StagedOutputs, CommitMovesEveryFileAndRemovesTheStaging) {
    const fs::path folder = fresh_folder("commit");
    std::ofstream(folder / "vecchio.txt") << "prima";
    {
        StagedOutputs staged(folder);
        fs::create_directories(staged.staging() / "atlante");
        std::ofstream(staged.path("a.csv")) << "a";
        std::ofstream(staged.staging() / "atlante" / "b.pdf") << "b";
        const auto moved = staged.commit();
        ASSERT_EQ(moved.size(), 2u);
        EXPECT_EQ(moved[0], (folder / "a.csv").string());
    }
    EXPECT_TRUE(fs::exists(folder / "atlante" / "b.pdf"));
    EXPECT_TRUE(fs::exists(folder / "vecchio.txt"));
    for (const std::string& name : entries(folder)) EXPECT_NE(name.rfind(".staging-", 0), 0u);
}

TEST(StagedOutputs, FailureKeepsEarlierOutputsAndLeavesNoDebris) {
    const fs::path folder = fresh_folder("failure");
    std::ofstream(folder / "a.csv") << "prima";
    {
        StagedOutputs staged(folder);
        std::ofstream(staged.path("a.csv")) << "dopo";
    }  // never committed: the step failed
    EXPECT_EQ(entries(folder), std::vector<std::string>{"a.csv"});
    std::ifstream in(folder / "a.csv");
    std::string text;
    in >> text;
    EXPECT_EQ(text, "prima");
}

}  // namespace
}  // namespace atlante
