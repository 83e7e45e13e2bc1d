// atlante's interactive map page (out/mappa.html): the run's layers over no tiles, grouped by the
// map that draws them, each with its legend; the ranked brownfields with a popup that explains
// their rank; the ranking table linked with the map; a list of zones and comuni to zoom to.
// The data arrive as scripts (mappa/dati/*.js) calling atlante.dataset and atlante.settings:
// a page opened from file:// cannot fetch files.
/* global L */
'use strict';

var atlante = (function () {
  var datasets = {};
  var settings = null;
  var map = null;
  var overlays = {};      // layer id -> { spec, group (L.GeoJSON), checkbox }
  var sites = {};         // ranked site id -> { feature, layer (L.Path), row (tr) }
  var rankingLayer = null;

  var number = function (value, decimals) {
    return new Intl.NumberFormat('it-IT', {
      minimumFractionDigits: decimals, maximumFractionDigits: decimals,
    }).format(value);
  };
  var distance = function (m) {
    return m < 1000 ? number(m, 0) + ' m' : number(m / 1000, 2) + ' km';
  };
  var text = function (value) {
    var span = document.createElement('span');
    span.textContent = value === null || value === undefined ? '' : String(value);
    return span.innerHTML;
  };

  // The Leaflet path style of a feature drawn as legend entry `k` of layer `spec`.
  function pathStyle(spec, symbol) {
    return {
      pane: spec.id,
      color: symbol.stroke === 'none' ? '#000' : symbol.stroke,
      stroke: symbol.stroke !== 'none',
      weight: symbol.width,
      dashArray: symbol.dash.length ? symbol.dash.join(' ') : null,
      fill: spec.family !== 'line' && symbol.fill !== 'none',
      fillColor: symbol.fill === 'none' ? '#000' : symbol.fill,
      fillOpacity: symbol.opacity,
      opacity: symbol.opacity,
    };
  }

  // A ranked site's path carries its id as a class ("sito sito-DEMO-0013"): the tests find it.
  function featureStyle(spec, feature) {
    var style = pathStyle(spec, symbolOf(spec, feature.id));
    if (spec.ranking) style.className = 'sito sito-' + String(feature.properties.id).replace(/[^A-Za-z0-9_-]/g, '_');
    return style;
  }

  function symbolOf(spec, index) {
    var k = spec.entry[index];
    return k < 0 ? null : spec.legend[k].symbol;
  }

  // A GeoJSON layer for one of the settings' layers, in its own pane (drawing order).
  function makeOverlay(spec, order) {
    var pane = map.createPane(spec.id);
    pane.style.zIndex = String(400 + order);
    var data = datasets[spec.data];
    return L.geoJSON(data, {
      filter: function (feature) { return spec.entry[feature.id] >= 0; },
      style: function (feature) { return featureStyle(spec, feature); },
      pointToLayer: function (feature, latlng) {
        var style = featureStyle(spec, feature);
        style.radius = spec.radius ? spec.radius[feature.id] : symbolOf(spec, feature.id).radius;
        return L.circleMarker(latlng, style);
      },
      onEachFeature: function (feature, layer) {
        if (spec.ranking) {
          sites[feature.properties.id] = { feature: feature, layer: layer, row: null };
          layer.bindPopup(function () { return popup(feature.properties); }, { maxWidth: 360 });
        } else if (spec.label && feature.properties[spec.label] !== undefined) {
          layer.bindTooltip(text(feature.properties[spec.label]));
        }
      },
    });
  }

  // Why a site ranks where it does: its place, its nearest station, and the score's parts.
  function popup(p) {
    var weights = settings.ranking.weights;
    var parts = [['prossimità', 'c_proximity', 'proximity'], ['servizio ferroviario', 'c_service', 'service'],
                 ['area entro il raggio', 'c_area', 'area'], ['classe', 'c_class', 'competitiveness']];
    var rows = parts.map(function (c) {
      var value = p[c[1]];
      return '<tr><td>' + c[0] + '</td><td class="n">' +
             (value === null || value === undefined ? '–' : number(value, 3)) +
             '</td><td class="n">× ' + number(weights[c[2]] || 0, 2) + '</td></tr>';
    }).join('');
    var inside = p.in_tor === 1;
    return '<div class="popup" data-site="' + text(p.id) + '">' +
      '<h3>' + text(p.name) + '</h3>' +
      '<p><b>' + text(p.id) + '</b> · ' + text(p.comune) + ' · ' + text(p.zone) + '</p>' +
      '<p>classe: ' + text(p.class) + ' · ' + (inside ? 'entro ' : 'oltre ') +
        text(settings.ranking.radius) + ' da una stazione</p>' +
      '<p>stazione più vicina: ' + text(p.nearest_station) + ', ' + distance(p.distance_m) + '</p>' +
      (inside ? '<p>stazioni entro il raggio: ' + text(p.stations_within) + '</p>' +
        '<p>area entro il raggio: ' + number(p.area_within_m2, 0) + ' m² su ' + number(p.area_m2, 0) +
        ' m²</p>' +
        '<p class="punteggio">punteggio: <b>' + number(p.score, 3) + '</b></p>' +
        '<table class="componenti"><tr><th>componente</th><th>valore</th><th>peso</th></tr>' + rows +
        '</table>' +
        '<p>posizione: <b>' + number(p.rank, 0) + '</b> in classifica, ' + number(p.rank_in_zone, 0) +
        ' nella zona</p>'
      : '<p>fuori dal raggio TOR: senza punteggio, in coda alla classifica per distanza</p>') +
      '<p><a href="#riga-' + encodeURIComponent(p.id) + '">riga nella classifica</a></p></div>';
  }

  // The switcher: a group per map, a checkbox per layer with its legend beneath.
  function switcher() {
    var panel = document.getElementById('livelli');
    var groups = {};
    settings.layers.forEach(function (spec) {
      if (!groups[spec.group]) {
        var details = document.createElement('details');
        details.open = spec.visible;
        details.innerHTML = '<summary>' + text(spec.group) + '</summary>';
        panel.appendChild(details);
        groups[spec.group] = details;
      }
      var item = document.createElement('div');
      item.className = 'livello';
      var id = 'livello-' + spec.id;
      // A layer of one entry named as the layer shows its swatch by its name; others list them.
      var single = spec.legend.length === 1 && spec.legend[0].label === spec.title;
      item.innerHTML = '<input type="checkbox" id="' + id + '" data-layer="' + spec.id + '"' +
        (spec.visible ? ' checked' : '') + '> <label for="' + id + '">' +
        (single ? swatch(spec, spec.legend[0].symbol) : '') + text(spec.title) + '</label>' +
        (single ? '' : '<ul class="legenda">' + spec.legend.map(function (e) {
          return '<li>' + swatch(spec, e.symbol) + text(e.label) + '</li>';
        }).join('') + '</ul>');
      groups[spec.group].appendChild(item);
      var checkbox = item.querySelector('input');
      overlays[spec.id].checkbox = checkbox;
      checkbox.addEventListener('change', function () {
        var group = built(spec.id);
        if (checkbox.checked) group.addTo(map); else map.removeLayer(group);
      });
    });
  }

  function swatch(spec, s) {
    var fill = s.fill === 'none' ? 'transparent' : s.fill;
    var stroke = s.stroke === 'none' ? 'transparent' : s.stroke;
    var shape = spec.family === 'point' ? 'border-radius:50%;' : spec.family === 'line'
      ? 'height:0;border-width:' + Math.max(1, s.width) + 'px 0 0 0;margin-bottom:4px;' : '';
    return '<span class="campione" style="background:' + (spec.family === 'line' ? 'none' : fill) +
      ';border-color:' + stroke + ';opacity:' + s.opacity + ';' + shape + '"></span>';
  }

  function places() {
    var select = document.getElementById('luoghi');
    var kinds = {};
    settings.places.forEach(function (place, i) {
      if (!kinds[place.kind]) {
        kinds[place.kind] = document.createElement('optgroup');
        kinds[place.kind].label = place.kind;
        select.appendChild(kinds[place.kind]);
      }
      var option = document.createElement('option');
      option.value = String(i);
      option.textContent = place.name;
      kinds[place.kind].appendChild(option);
    });
    // A jump, not a flight: the place shows at once (and the tests read the bounds at once).
    select.addEventListener('change', function () {
      map.closePopup();
      if (select.value === '') { map.fitBounds(whole, { animate: false }); return; }
      var b = settings.places[parseInt(select.value, 10)].bbox;
      map.fitBounds([[b[1], b[0]], [b[3], b[2]]], { animate: false });
    });
  }

  // The ranking table: every site, filters by TOR, zone and class that filter the map too.
  function ranking() {
    var section = document.getElementById('classifica');
    var ids = Object.keys(sites);
    if (!ids.length) { section.remove(); return; }
    // The features come in the ranking's order: ranked sites first, then the others by distance.
    var values = function (field) {
      var set = {};
      ids.forEach(function (id) { set[sites[id].feature.properties[field]] = true; });
      return Object.keys(set).sort();
    };
    var select = function (name, label, options) {
      return '<label>' + label + ' <select class="filtro" data-field="' + name + '"><option value="">tutti</option>' +
        options.map(function (o) { return '<option value="' + text(o[0]) + '">' + text(o[1]) + '</option>'; }).join('') +
        '</select></label> ';
    };
    section.innerHTML = '<h2>Classifica delle aree dismesse</h2><p class="filtri">' +
      select('in_tor', 'raggio TOR', [['1', 'entro ' + settings.ranking.radius], ['0', 'oltre']]) +
      select('zone', 'zona omogenea', values('zone').map(function (v) { return [v, v]; })) +
      select('class', 'classe', values('class').map(function (v) { return [v, v]; })) +
      '<span id="mostrati"></span></p><table id="classifica-siti"><thead><tr><th>pos.</th><th>id</th><th>nome</th>' +
      '<th>comune</th><th>zona omogenea</th><th>classe</th><th>entro il raggio</th><th>stazione più vicina</th>' +
      '<th>distanza</th><th>punteggio</th><th></th></tr></thead><tbody></tbody></table>';
    var body = section.querySelector('tbody');
    ids.forEach(function (id) {
      var p = sites[id].feature.properties;
      var tr = document.createElement('tr');
      tr.id = 'riga-' + p.id;
      tr.innerHTML = '<td class="n">' + (p.rank === null ? '–' : number(p.rank, 0)) + '</td><td>' + text(p.id) + '</td><td>' + text(p.name) +
        '</td><td>' + text(p.comune) + '</td><td>' + text(p.zone) + '</td><td>' + text(p.class) + '</td><td>' +
        (p.in_tor === 1 ? 'sì' : 'no') + '</td><td>' + text(p.nearest_station) + '</td><td class="n">' +
        distance(p.distance_m) + '</td><td class="n">' + (p.score === null ? '–' : number(p.score, 3)) +
        '</td><td><a href="#mappa" class="sulla-mappa" data-site="' + text(p.id) + '">sulla mappa</a></td>';
      body.appendChild(tr);
      sites[id].row = tr;
    });
    section.querySelectorAll('a.sulla-mappa').forEach(function (a) {
      a.addEventListener('click', function () { show(a.getAttribute('data-site')); });
    });
    section.querySelectorAll('select.filtro').forEach(function (s) { s.addEventListener('change', filter); });
    filter();
  }

  // A row shows, and its site is drawn, when it has every value chosen.
  function filter() {
    var chosen = Array.prototype.map.call(document.querySelectorAll('select.filtro'), function (s) {
      return [s.getAttribute('data-field'), s.value];
    });
    var shown = 0;
    Object.keys(sites).forEach(function (id) {
      var site = sites[id], p = site.feature.properties;
      var keep = chosen.every(function (c) { return c[1] === '' || String(p[c[0]]) === c[1]; });
      site.row.style.display = keep ? '' : 'none';
      if (keep) { shown += 1; if (!rankingLayer.hasLayer(site.layer)) rankingLayer.addLayer(site.layer); }
      else if (rankingLayer.hasLayer(site.layer)) rankingLayer.removeLayer(site.layer);
    });
    document.getElementById('mostrati').textContent = shown + ' di ' + Object.keys(sites).length + ' aree';
  }

  // Zooms to a site and opens its popup (from its row).
  function show(id) {
    var site = sites[id];
    if (!site) return;
    var overlay = overlays[rankingLayer.atlanteId];

    if (!map.hasLayer(rankingLayer)) { overlay.checkbox.checked = true; rankingLayer.addTo(map); }
    var bounds = site.layer.getBounds ? site.layer.getBounds() : L.latLngBounds([site.layer.getLatLng()]);
    map.fitBounds(bounds, { maxZoom: 15 });
    site.layer.openPopup();
  }

  var whole = null;

  // A layer's Leaflet objects, made the first time it shows (the street graph has 17.000 edges).
  function built(id) {
    var overlay = overlays[id];
    if (!overlay.group) {
      overlay.group = makeOverlay(overlay.spec, overlay.order);
      if (overlay.spec.ranking && !rankingLayer) { rankingLayer = overlay.group; overlay.group.atlanteId = id; }
    }
    return overlay.group;
  }

  function start() {
    map = L.map('mappa', { zoomSnap: 0.25, preferCanvas: false });
    L.control.scale({ imperial: false, metric: true, maxWidth: 160 }).addTo(map);
    map.attributionControl.setPrefix('atlante · Leaflet');
    settings.layers.forEach(function (spec, order) {
      overlays[spec.id] = { spec: spec, order: order, group: null, checkbox: null };
      if (!spec.visible && !spec.ranking) return;
      var group = built(spec.id);
      if (!spec.visible) return;
      group.addTo(map);
      var b = group.getBounds();
      if (b.isValid()) whole = whole ? whole.extend(b) : L.latLngBounds(b.getSouthWest(), b.getNorthEast());
    });
    if (!whole) whole = L.latLngBounds([[44.6, 6.6], [45.6, 8.2]]);
    map.fitBounds(whole);
    switcher();
    places();
    ranking();
    window.atlanteMap = map;  // for the page's tests
    window.atlanteSites = sites;
    document.body.setAttribute('data-pronta', '1');
  }

  return {
    dataset: function (id, data) { datasets[id] = data; },
    settings: function (s) { settings = s; },
    start: start,
  };
})();
