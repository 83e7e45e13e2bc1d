// TOR, Transit Oriented Regeneration (PSM 2021-2023, §3.1 of the plan reference): brownfields
// within a radius (1.5 km) of a rail access point get priority for regeneration. This step joins
// brownfields to stations by distance, measures how much of each site lies inside the stations'
// discs, scores and ranks the sites inside, and summarises them per comune and zone.
#pragma once

#include <map>
#include <string>
#include <tuple>
#include <vector>

#include "layers/layer.hpp"

namespace atlante {

// Score = Σ weight·component / Σ weight over the components a site has (each in [0, 1]):
//   proximity = 1 − d/R for the nearest station inside the radius,
//   service   = rail-graph degree of that station / the highest degree among the stations,
//   area      = area inside the discs / the largest such area among sites inside,
//   class     = competitiveness class mapped by `class_scores` (alta 1, media 0,5, bassa 0),
//               matched without case and surrounding blanks ("ALTA", " Alta " are alta).
struct TorWeights {
    double proximity = 0.4;
    double service = 0.2;
    double area = 0.2;
    double competitiveness = 0.2;
};

// What a site with no class, or a class `class_scores` does not name, scores.
enum class ClassMissing {
    Neutral,  // no class component: the score is the other components' weighted mean
    Lowest,   // the lowest score of class_scores
    Error,    // the run stops, listing the sites
};

struct TorOptions {
    double radius_m = 1500;
    TorWeights weights;
    int disc_quadrant_segments = 64;  // disc area within 0.01 % of the circle's
    std::map<std::string, double> class_scores{{"alta", 1.0}, {"media", 0.5}, {"bassa", 0.0}};
    ClassMissing class_missing = ClassMissing::Neutral;
    // Every field of the brownfield layer follows atlante's columns in the ranking, under its own
    // name, or src_NAME when it is one of atlante's (compared without case).
    bool keep_source_fields = true;
    // Brownfield fields: `id` is required and unique; `name` and `class` are used when present.
    std::string brownfield_id = "id";
    std::string brownfield_name = "name";
    std::string brownfield_class = "class";
    // Station fields.
    std::string station_id = "id";
    std::string station_name = "name";
    // Rail graph fields (edge ends join to station ids).
    std::string rail_from = "from";
    std::string rail_to = "to";
    // Comuni fields (the comune's name and its zone's name).
    std::string comune_name = "name";
    std::string zone_name = "zone";
    // The group of sites in no comune or zone, in the summaries (the caller's word for it).
    std::string unassigned_label = "unassigned";
};

struct TorInputs {
    const Layer* stations = nullptr;     // points, metric CRS
    const Layer* brownfields = nullptr;  // polygons or points, same CRS
    const Layer* rail_edges = nullptr;   // optional
    const Layer* comuni = nullptr;       // optional: polygons with comune and zone names
    // The brownfield layer again, when the caller is done with it: the ranking takes its
    // geometries instead of copying them (it is left without them).
    Layer* brownfields_to_consume = nullptr;
};

struct TorPair {
    std::size_t brownfield = 0;  // row in the brownfield layer
    std::size_t station = 0;     // row in the station layer
    double distance_m = 0;
};

struct TorResult {
    // One row per brownfield: inside TOR by rank, then outside by distance. rank_in_zone and
    // rank_in_comune rank the sites inside among those of their zone and comune (the plan's
    // action 5.2.1 picks pilot sites per zona omogenea); in_area is 1 for a site in a comune.
    Layer ranked;
    Layer discs;                 // one disc per station
    Layer stations;              // stations with degree and the brownfields within the radius
    Layer by_zone;               // table: counts and areas per zone
    Layer by_comune;             // table: counts and areas per comune
    std::vector<TorPair> pairs;  // every (brownfield, station) within the radius
    std::size_t inside = 0;
    std::vector<std::string> notes;  // what was left empty and why
    // Class values (as written) that class_scores does not name, with how many sites carry
    // them; "" counts the sites with no class.
    std::map<std::string, std::size_t> unscored_classes;
    std::vector<std::string> outside_area;  // sites in no comune (when comuni are given)
};

// Throws unless the radius is a positive finite number of metres.
void check_tor_radius(double radius_m);

// Checks the inputs (radius, empty layers, geometry kinds, CRS, duplicate ids) and runs.
TorResult run_tor(const TorInputs& inputs, const TorOptions& options);

}  // namespace atlante
