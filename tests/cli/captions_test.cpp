// Captions follow the parameters and the provenance of the data: a run at radius_m = 800 says
// "800 m" (never "1,5 km") in the map legends and title, the atlas tables and the report; a run
// on a planner's own census never says "dimostrativ" anywhere.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>

#include "layers/reader.hpp"
#include "layers/writer.hpp"
#include "pipeline/steps/tor_step.hpp"
#include "tests/support/project_runs.hpp"
#include "tests/support/test_support.hpp"

namespace atlante {
namespace {

namespace fs = std::filesystem;

// The Torino example with only TOR, the TOR map, the atlas template and the zone atlas.
Project tor_maps_and_zone_atlas() {
    Project project = read_project(testing::torino_example());
    std::erase_if(project.steps, [](const std::unique_ptr<Step>& s) {
        const std::string label = s->label();
        return label != "demo_brownfields" && label != "tor" && label != "map tor_stazioni" &&
               label != "map atlante_base" && label != "atlas atlante_zone";
    });
    return project;
}

// A file's text: CSV, JSON, HTML, SVG, GeoJSON, GPKG as they are, a PDF through pdftotext.
std::string text_of(const fs::path& file) {
    if (file.extension() == ".pdf")
        return testing::command_output("pdftotext -layout '" + file.string() + "' -");
    return file.extension() == ".png" ? std::string() : testing::read_file(file.string());
}

// Every text the run wrote.
std::string all_text(const fs::path& folder) {
    std::string text;
    for (const auto& entry : fs::recursive_directory_iterator(folder))
        text += text_of(entry.path());
    return text;
}

// The files of the run whose text holds `word`.
std::vector<std::string> files_saying(const fs::path& folder, const std::string& word) {
    std::vector<std::string> files;
    for (const auto& entry : fs::recursive_directory_iterator(folder))
        if (text_of(entry.path()).find(word) != std::string::npos)
            files.push_back(entry.path().lexically_relative(folder).string());
    return files;
}

TEST(Captions, ARunAt800MetresSaysSoEverywhere) {
    testing::TempDir dir;
    Project project = tor_maps_and_zone_atlas();
    testing::step_of<TorStep>(project).analysis.radius_m = 800;
    testing::run_quietly(project, dir.path().string());

    const std::string map =
        testing::command_output("pdftotext '" + dir.file("maps/tor_stazioni.pdf") + "' -");
    EXPECT_THAT(map, ::testing::HasSubstr("accessibilità ferroviaria (TOR, 800 m)"));
    EXPECT_THAT(map, ::testing::HasSubstr("raggio 800 m dalle stazioni (TOR)"));
    EXPECT_THAT(map, ::testing::HasSubstr("aree dismesse entro 800 m (priorità TOR)"));
    const std::string atlas = testing::command_output("pdftotext -f 3 -l 3 '" +
                                                      dir.file("atlases/atlante_zone.pdf") + "' -");
    EXPECT_THAT(atlas, ::testing::HasSubstr("aree dismesse entro 800 m"));
    EXPECT_THAT(testing::read_file(dir.file("index.html")),
                ::testing::HasSubstr("TOR: aree dismesse entro 800 m dalle stazioni"));
    EXPECT_THAT(files_saying(dir.path(), "1,5 km"), ::testing::IsEmpty());
    EXPECT_THAT(files_saying(dir.path(), "1.5 km"), ::testing::IsEmpty());
}

TEST(Captions, APlannersOwnCensusIsNeverCalledDemonstration) {
    testing::TempDir dir;
    // A census that is not the demonstration layer: the same polygons, without its mark.
    Project demo_only = tor_maps_and_zone_atlas();
    std::erase_if(demo_only.steps,
                  [](const std::unique_ptr<Step>& s) { return s->label() != "demo_brownfields"; });
    testing::run_quietly(demo_only, dir.file("demo"));
    Layer census = read_layer(dir.file("demo/brownfields_demo.gpkg"));
    census.remove_field("source");
    for (std::size_t i = 0; i < census.size(); ++i)  // the generator's names say what they are
        census.column("name").set(i, "Sito " + census.column("id").text(i));
    write_layer(census, dir.file("census.gpkg"));

    Project project = tor_maps_and_zone_atlas();
    std::erase_if(project.steps,
                  [](const std::unique_ptr<Step>& s) { return s->label() == "demo_brownfields"; });
    testing::step_of<TorStep>(project).brownfields = SourceRef::parse(dir.file("census.gpkg"));
    testing::run_quietly(project, dir.file("out"));
    EXPECT_THAT(all_text(dir.file("out")), ::testing::HasSubstr("Aree dismesse: census.gpkg"));
    EXPECT_THAT(files_saying(dir.file("out"), "dimostrativ"), ::testing::IsEmpty());
    // The same run on the demonstration layer says so (the check above can fail).
    testing::TempDir demo_run;
    testing::run_quietly(tor_maps_and_zone_atlas(), demo_run.path().string());
    EXPECT_THAT(files_saying(demo_run.path(), "dimostrativ"), ::testing::Not(::testing::IsEmpty()));
}

}  // namespace
}  // namespace atlante
