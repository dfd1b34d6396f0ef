export type { DateBasis, EventDay, Field, GazetteerEntry, Incident, IncidentKind, IncidentReport, PlaceField, ReportedFigure } from './types.js';
export { INCIDENT_KINDS } from './types.js';
export { mayReportIncident, findTrigger } from './trigger.js';
export { extractReports, readReport, type ExtractOptions } from './extract.js';
export { groupReports, summarise, placesAgree, DEFAULT_GROUP_OPTIONS, type GroupOptions } from './group.js';
export { createGazetteer, loadGazetteer, countryCode, distanceKm, type Gazetteer } from './gazetteer.js';
export { placeKey, placeSkeleton, samePlaceName, overlappingPlaceNames } from './place-key.js';
export { findCasualties, parseNumber } from './numbers.js';
export { findPlaces, rankPlaces, type PlaceCandidate } from './places.js';
