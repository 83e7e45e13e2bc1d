#include "pipeline/report/column_titles.hpp"

namespace atlante {

const std::map<std::string, std::string>& column_titles() {
    static const std::map<std::string, std::string> titles{
        // TOR ranking and summaries
        {"rank", "posizione"},
        {"rank_in_zone", "posizione nella zona omogenea"},
        {"rank_in_comune", "posizione nel comune"},
        {"id", "id"},
        {"name", "denominazione"},
        {"comune", "comune"},
        {"zone", "zona omogenea"},
        {"in_area", "nell'area di studio (1 sì, 0 no)"},
        {"class", "classe di competitività"},
        {"in_tor", "entro il raggio TOR (1 sì, 0 no)"},
        {"nearest_station", "stazione più vicina"},
        {"nearest_station_id", "id della stazione più vicina"},
        {"distance_m", "distanza dalla stazione (m)"},
        {"stations_within", "stazioni entro il raggio"},
        {"n_stations_within", "n. stazioni entro il raggio"},
        {"area_m2", "superficie (m²)"},
        {"area_within_m2", "superficie entro il raggio (m²)"},
        {"share_within", "quota entro il raggio"},
        {"score", "punteggio"},
        {"c_proximity", "componente prossimità"},
        {"c_service", "componente servizio ferroviario"},
        {"c_area", "componente superficie"},
        {"c_class", "componente classe"},
        {"n_brownfields", "aree dismesse"},
        {"n_in_tor", "aree dismesse entro il raggio"},
        {"share_area_within", "quota di superficie entro il raggio"},
        {"station_id", "id della stazione"},
        {"degree", "grado nel grafo ferroviario"},
        {"n_brownfields_within", "aree dismesse entro il raggio"},
        {"radius_m", "raggio (m)"},
        // bands and density
        {"label", "gruppo"},
        {"band", "fascia altimetrica"},
        {"n_features", "comuni"},
        {"n_comuni", "comuni"},
        {"population", "popolazione"},
        {"population_nulls", "comuni senza popolazione"},
        {"area_km2", "superficie (km²)"},
        {"area_km2_attribute", "superficie SITUAS (km²)"},
        {"density_per_km2", "densità (ab./km²)"},
        {"population_from", "popolazione all'anno di confronto"},
        {"population_from_nulls", "comuni senza popolazione all'anno di confronto"},
        {"change", "variazione della popolazione (ab.)"},
        {"change_pct", "variazione della popolazione (%)"},
        {"n_services", "servizi"},
        {"inhabitants_per_service", "1 presidio ogni N ab."},
        {"services_per_10000", "servizi per 10.000 ab."},
        {"services_per_100km2", "servizi per 100 km²"},
        {"type", "tipo"},
        // reach
        {"snap_m", "distanza dalla strada (m)"},
        {"status", "esito"},
        {"minutes", "minuti"},
        {"mode", "modo"},
        {"speed_kmh", "velocità (km/h)"},
        {"street_km", "strade raggiunte (km)"},
        {"straight_m", "distanza in linea d'aria (m)"},
        {"straight_station", "stazione più vicina in linea d'aria"},
        {"network_m", "distanza lungo la rete (m)"},
        {"network_station", "stazione più vicina lungo la rete"},
        {"site_to_road_m", "distanza del sito dalla strada (m)"},
        {"straight_within", "entro il raggio in linea d'aria (1 sì, 0 no)"},
        {"network_within", "entro il raggio lungo la rete (1 sì, 0 no)"},
        {"differs", "esiti diversi (1 sì, 0 no)"},
        {"station", "stazione"},
        {"access_km", "accesso alla stazione (km)"},
        {"access_min", "accesso alla stazione (min)"},
        {"rail_min", "treno (min)"},
        {"total_min", "tempo totale (min)"},
        // records repaired or left out
        {"feature", "n. del record"},
        {"problem", "problema"},
        {"action", "azione"},
    };
    return titles;
}

std::string column_title(const std::string& name) {
    const auto it = column_titles().find(name);
    return it == column_titles().end() ? name : it->second;
}

}  // namespace atlante
