/*
** synth_data.c — the tables of the synthetic directory (synthInt.h).
**
** City centres are approximate (to about a kilometre) and are public
** geography; weights follow population loosely, with more weight than their
** size on places where migrant farm, plant and care work concentrate
** (Leamington, Brooks, Abbotsford), so tests see those cases. Every name of a
** service built from these tables is prefixed [SYNTHETIC] / [SYNTHÉTIQUE].
*/
#include "synthInt.h"

const struct synth_city synth_cities[] = {
	{ "Toronto", "ON", 43.6532, -79.3832, "416", 60, 3, 'M' },
	{ "Montréal", "QC", 45.5019, -73.5674, "514", 42, 85, 'H' },
	{ "Vancouver", "BC", 49.2827, -123.1207, "604", 26, 2, 'V' },
	{ "Calgary", "AB", 51.0447, -114.0719, "403", 24, 2, 'T' },
	{ "Edmonton", "AB", 53.5461, -113.4938, "780", 22, 3, 'T' },
	{ "Ottawa", "ON", 45.4215, -75.6972, "613", 18, 25, 'K' },
	{ "Winnipeg", "MB", 49.8951, -97.1384, "204", 14, 5, 'R' },
	{ "Québec", "QC", 46.8139, -71.2080, "418", 12, 97, 'G' },
	{ "Hamilton", "ON", 43.2557, -79.8711, "905", 10, 2, 'L' },
	{ "Kitchener", "ON", 43.4516, -80.4925, "519", 9, 2, 'N' },
	{ "London", "ON", 42.9849, -81.2453, "519", 8, 2, 'N' },
	{ "Halifax", "NS", 44.6488, -63.5752, "902", 8, 5, 'B' },
	{ "Victoria", "BC", 48.4284, -123.3656, "250", 7, 2, 'V' },
	{ "Windsor", "ON", 42.3149, -83.0364, "519", 6, 4, 'N' },
	{ "Saskatoon", "SK", 52.1332, -106.6700, "306", 6, 2, 'S' },
	{ "Regina", "SK", 50.4452, -104.6189, "306", 5, 2, 'S' },
	{ "St. John's", "NL", 47.5615, -52.7126, "709", 4, 1, 'A' },
	{ "Sherbrooke", "QC", 45.4042, -71.8929, "819", 4, 95, 'J' },
	{ "Gatineau", "QC", 45.4765, -75.7013, "819", 6, 80, 'J' },
	{ "Trois-Rivières", "QC", 46.3430, -72.5430, "819", 3, 98, 'G' },
	{ "Saguenay", "QC", 48.4280, -71.0686, "418", 3, 99, 'G' },
	{ "Laval", "QC", 45.6066, -73.7124, "450", 8, 85, 'H' },
	{ "Longueuil", "QC", 45.5312, -73.5181, "450", 5, 88, 'J' },
	{ "Kelowna", "BC", 49.8880, -119.4960, "250", 4, 2, 'V' },
	{ "Abbotsford", "BC", 49.0504, -122.3045, "604", 6, 1, 'V' },
	{ "Surrey", "BC", 49.1913, -122.8490, "604", 10, 1, 'V' },
	{ "Red Deer", "AB", 52.2681, -113.8112, "403", 2, 2, 'T' },
	{ "Lethbridge", "AB", 49.6956, -112.8451, "403", 2, 2, 'T' },
	{ "Brooks", "AB", 50.5642, -111.8989, "403", 3, 3, 'T' },
	{ "Brandon", "MB", 49.8485, -99.9501, "204", 2, 3, 'R' },
	{ "Moncton", "NB", 46.0878, -64.7782, "506", 3, 40, 'E' },
	{ "Saint John", "NB", 45.2733, -66.0633, "506", 2, 8, 'E' },
	{ "Fredericton", "NB", 45.9636, -66.6431, "506", 2, 10, 'E' },
	{ "Charlottetown", "PE", 46.2382, -63.1311, "902", 2, 4, 'C' },
	{ "Sudbury", "ON", 46.4917, -80.9930, "705", 3, 25, 'P' },
	{ "Thunder Bay", "ON", 48.3809, -89.2477, "807", 2, 3, 'P' },
	{ "Kingston", "ON", 44.2312, -76.4860, "613", 3, 3, 'K' },
	{ "Leamington", "ON", 42.0531, -82.5998, "519", 4, 2, 'N' },
	{ "Niagara Falls", "ON", 43.0896, -79.0849, "905", 3, 2, 'L' },
	{ "Rimouski", "QC", 48.4490, -68.5230, "418", 2, 99, 'G' },
	{ "Prince George", "BC", 53.9171, -122.7497, "250", 2, 2, 'V' },
	{ "Whitehorse", "YT", 60.7212, -135.0568, "867", 1, 4, 'Y' },
	{ "Yellowknife", "NT", 62.4540, -114.3718, "867", 1, 3, 'X' },
	{ "Iqaluit", "NU", 63.7467, -68.5170, "867", 1, 2, 'X' },
};
const size_t synth_ncities = sizeof synth_cities / sizeof synth_cities[0];

const struct synth_kind synth_kinds[] = {
	{ "Migrant Workers' Centre", "Centre des travailleurs migrants", 14,
	  { "labour_standards_complaint", "wage_recovery", "legal_information", "interpretation" },
	  0, 5, "non_governmental", 0, 0, 0 },
	{ "Legal Clinic", "Clinique juridique", 12,
	  { "legal_information", "legal_aid", "immigration_legal_help", "refugee_claim_legal_help" },
	  0, 5, "non_governmental", 0, 0, 0 },
	{ "Women's Shelter", "Maison d'hébergement pour femmes", 9,
	  { "emergency_shelter", "counselling", "basic_needs" },
	  80, 0, "non_governmental", "women", 0, 1 },
	{ "Emergency Shelter", "Refuge d'urgence", 8,
	  { "emergency_shelter", "basic_needs" },
	  25, 0, "municipal", 0, 0, 1 },
	{ "Community Health Centre", "Centre de santé communautaire", 8,
	  { "health_care_without_coverage", "counselling" },
	  0, 0, "provincial_territorial", 0, 0, 0 },
	{ "Counselling Service", "Service de counseling", 7,
	  { "counselling" }, 5, 10, "non_governmental", 0, 0, 0 },
	{ "Friendship Centre", "Centre d'amitié autochtone", 4,
	  { "indigenous_led_support", "counselling", "basic_needs" },
	  0, 0, "indigenous", 0, 1, 0 },
	{ "Anti-Trafficking Support Program", "Programme de soutien contre la traite", 5,
	  { "trafficking_support", "police_report_support", "emergency_shelter", "counselling" },
	  40, 10, "non_governmental", 0, 0, 1 },
	{ "Settlement Services", "Services d'établissement", 8,
	  { "interpretation", "employment_help", "identity_documents", "legal_information" },
	  0, 5, "non_governmental", 0, 0, 0 },
	{ "Interpretation Bank", "Banque d'interprètes", 3,
	  { "interpretation" }, 0, 40, "non_governmental", 0, 0, 0 },
	{ "Immigration Law Office", "Bureau d'avocats en immigration", 5,
	  { "immigration_legal_help", "trp_work_permit_help", "refugee_claim_legal_help" },
	  0, 0, "non_governmental", 0, 0, 0 },
	{ "Victim Services", "Services aux victimes", 4,
	  { "police_report_support", "counselling" }, 10, 10, "municipal", 0, 0, 0 },
	{ "Food Bank", "Banque alimentaire", 6,
	  { "basic_needs" }, 0, 0, "non_governmental", 0, 0, 0 },
	{ "Refugee Support Centre", "Centre d'aide aux réfugiés", 4,
	  { "refugee_claim_legal_help", "interpretation", "basic_needs", "emergency_shelter" },
	  10, 0, "non_governmental", 0, 0, 0 },
	{ "Employment Help Centre", "Centre d'aide à l'emploi", 3,
	  { "employment_help" }, 0, 0, "provincial_territorial", 0, 0, 0 },
	{ "Labour Rights Line", "Ligne info-droits du travail", 2,
	  { "labour_standards_complaint", "wage_recovery", "harassment_complaint", "dismissal_complaint",
	    "human_rights_complaint" }, 0, 90, "non_governmental", 0, 0, 0 },
	{ "Human Rights Advocacy Group", "Groupe de défense des droits de la personne", 2,
	  { "human_rights_complaint", "legal_information" }, 0, 20, "non_governmental", 0, 0, 0 },
	{ "Clinic for the Uninsured", "Clinique pour personnes non assurées", 3,
	  { "health_care_without_coverage" }, 0, 0, "non_governmental", 0, 0, 0 },
};
const size_t synth_nkinds = sizeof synth_kinds / sizeof synth_kinds[0];

const struct synth_lang synth_langs[] = {
	{ "en", "English" }, { "fr", "French" }, { "es", "Spanish" }, { "tl", "Tagalog" },
	{ "pa", "Punjabi" }, { "zh", "Chinese" }, { "ar", "Arabic" }, { "uk", "Ukrainian" },
	{ "vi", "Vietnamese" }, { "pt", "Portuguese" }, { "hi", "Hindi" }, { "ta", "Tamil" },
	{ "fa", "Persian" }, { "ht", "Haitian Creole" }, { "so", "Somali" }, { "ti", "Tigrinya" },
	{ "am", "Amharic" }, { "ru", "Russian" }, { "ko", "Korean" }, { "ne", "Nepali" },
	{ "th", "Thai" }, { "iu", "Inuktitut" }, { "cr", "Cree" }, { "oj", "Ojibwe" },
};
const size_t synth_nlangs = sizeof synth_langs / sizeof synth_langs[0];

const char *const synth_words_en[] = {
	"support", "workers", "help", "free", "services", "confidential", "legal", "community",
	"information", "rights", "housing", "health", "women", "families", "newcomers",
	"migrant", "counselling", "shelter", "clinic", "language", "referrals", "safety",
	"employment", "wages", "complaints", "immigration", "status", "temporary", "permits",
	"agricultural", "caregivers", "seasonal", "farm", "domestic", "trafficking", "survivors",
	"advocacy", "interpretation", "workshops", "drop-in", "appointments", "outreach", "peer",
	"youth", "emergency", "meals", "clothing", "transportation", "accompaniment", "court",
	"police", "tribunal", "benefits", "training", "settlement", "documents", "identity",
	"passports", "recovery", "trauma", "wellness", "mental", "medical", "dental", "nurses",
	"doctors", "without", "coverage", "uninsured", "evenings", "weekends", "phone", "online",
	"in-person", "multilingual", "Spanish", "Tagalog", "Punjabi", "Mandarin", "Arabic",
	"Ukrainian", "Indigenous", "elders", "ceremony", "culture", "food", "bank", "crisis",
	"sexual", "violence", "exploitation", "labour", "standards", "overtime", "deductions",
	"recruiters", "fees", "debt", "isolation", "threats", "greenhouse", "processing", "plant",
	"cleaning", "restaurant", "construction", "fishing", "harvest",
};
const size_t synth_nwords_en = sizeof synth_words_en / sizeof synth_words_en[0];

const char *const synth_words_fr[] = {
	"soutien", "travailleurs", "aide", "gratuit", "services", "confidentiel", "juridique",
	"communautaire", "information", "droits", "logement", "santé", "femmes", "familles",
	"nouveaux", "arrivants", "migrants", "counseling", "hébergement", "clinique", "langue",
	"références", "sécurité", "emploi", "salaire", "plaintes", "immigration", "statut",
	"temporaire", "permis", "agricoles", "aidantes", "saisonniers", "ferme", "domestiques",
	"traite", "survivantes", "défense", "interprétation", "ateliers", "accueil", "rendez-vous",
	"intervention", "pairs", "jeunes", "urgence", "repas", "vêtements", "transport",
	"accompagnement", "tribunal", "police", "prestations", "formation", "établissement",
	"pièces", "identité", "passeports", "rétablissement", "traumatisme", "bien-être",
	"mentale", "médical", "dentaire", "infirmières", "médecins", "sans", "couverture",
	"soirées", "semaine", "téléphone", "ligne", "présentiel", "multilingue", "espagnol",
	"tagalog", "pendjabi", "mandarin", "arabe", "ukrainien", "autochtones", "aînés",
	"cérémonie", "culture", "alimentation", "banque", "crise", "sexuelle", "violence",
	"exploitation", "normes", "travail", "heures", "supplémentaires", "retenues",
	"recruteurs", "frais", "dette", "isolement", "menaces", "serres", "transformation",
	"usine", "ménage", "restauration", "chantier", "pêche", "récolte", "écoute", "québécois",
};
const size_t synth_nwords_fr = sizeof synth_words_fr / sizeof synth_words_fr[0];

const char *const synth_syll_en[SYNTH_NSYLL] = {
	"ka", "lo", "mi", "ra", "ven", "tor", "bel", "sun", "dra", "ple", "quin", "mar", "ost",
	"fen", "gal", "hob", "jun", "lir", "nex", "pol", "rud", "sar", "tel", "vor", "wyn", "zel",
	"bri", "cal", "dor", "eth", "fal", "gor",
};

const char *const synth_syll_fr[SYNTH_NSYLL] = {
	"ré", "mé", "lo", "ça", "bé", "dou", "vil", "ceau", "gné", "tè", "rou", "fô", "lan",
	"mir", "sé", "pra", "quê", "jo", "nan", "vè", "bla", "cri", "dé", "fla", "gou", "hé",
	"lou", "mo", "pé", "roi", "sû", "tou",
};

const char *const synth_streets_en[SYNTH_NSTREETS] = {
	"Street", "Avenue", "Road", "Drive", "Boulevard",
};
const char *const synth_streets_fr[SYNTH_NSTREETS] = {
	"rue", "avenue", "chemin", "boulevard", "rang",
};
