/* bench-data.c
 *
 * Copyright 2026 The Aplomb developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "bench-data.h"

/* splitmix64: tiny, and the same numbers everywhere, unlike GRand whose
 * sequence is GLib's to change. */
void
bench_rng_init (BenchRng *rng,
                guint64   seed)
{
  rng->state = seed;
}

guint64
bench_rng_next (BenchRng *rng)
{
  guint64 z = (rng->state += G_GUINT64_CONSTANT (0x9e3779b97f4a7c15));

  z = (z ^ (z >> 30)) * G_GUINT64_CONSTANT (0xbf58476d1ce4e5b9);
  z = (z ^ (z >> 27)) * G_GUINT64_CONSTANT (0x94d049bb133111eb);
  return z ^ (z >> 31);
}

guint
bench_rng_below (BenchRng *rng,
                 guint     n)
{
  return n == 0 ? 0 : (guint) (bench_rng_next (rng) % n);
}

guint
bench_list_length (const char * const *list)
{
  guint n = 0;

  while (list[n] != NULL)
    n++;
  return n;
}

const char *
bench_rng_pick (BenchRng           *rng,
                const char * const *list)
{
  return list[bench_rng_below (rng, bench_list_length (list))];
}

const char * const bench_given_names_fr[] = {
  "Amélie", "Anaïs", "Aurélien", "Benoît", "Céline", "Chloé", "Clément", "Élodie",
  "Émilie", "Étienne", "François", "Frédéric", "Gaëlle", "Hélène", "Jérôme", "Joël",
  "Léa", "Léon", "Loïc", "Maëlle", "Noémie", "Océane", "Raphaël", "Régis",
  "Sébastien", "Stéphane", "Thérèse", "Valérie", "Zoé", "Agnès", "Inès", "Mathéo",
  "Anne-Sophie", "Jean-François", "Marie-Hélène", "Pierre-Édouard", "Ève", "Gérald",
  "Laëtitia", "Michaël", "Nathalie", "Olivier", "Pascale", "Quentin", "Rémi",
  "Solène", "Timothée", "Victor", "Yannick", "Aïcha", "Karim", "Fatoumata", "Mélanie",
  "Bérénice", "Cédric", "Damien", "Géraldine", "Hervé", "Isabelle", "Josée",
  "Lucie", "Mathilde", "Noël", "Perrine", "Renée", "Sylvie", "Thibault", "Ugo",
  NULL
};

const char * const bench_given_names_en[] = {
  "Oliver", "Amelia", "Siobhán", "Seán", "Zoë", "Chloë", "Eoin", "Aoife", "Niamh",
  "Margaret", "James", "Priya", "Mohammed", "Chidi", "Mei", "Grace", "Harry",
  "Isla", "Jack", "Kate", "Liam", "Molly", "Noah", "Olivia", "Patrick", "Rachel",
  "Samuel", "Tom", "Victoria", "William", "Zara", "Ciarán", "Dáithí", "Bronwen",
  "Rhiannon", "Gareth", "Alasdair", "Morag", "Deborah", "Emeka", "Ngozi", "Aarav",
  "Ananya", "Connor", "Erin", "Fiona", "Hamish", "Imogen", "Jessica", "Kieran",
  NULL
};

const char * const bench_family_names_fr[] = {
  "Lefèvre", "Lefebvre", "Dupont", "Bénard", "Chevalier", "Gauthier", "Girard",
  "Lemaître", "Lévêque", "Mercier", "Noël", "Pâris", "Perrin", "Rivière",
  "Rousseau", "Sévérac", "Thébault", "Vasseur", "Bélanger", "Côté", "Gagné",
  "Fréchette", "Léveillé", "Pelletier", "D’Amours", "Le Goff", "Le Bihan",
  "Ménard", "Boucher", "Deschênes", "Hébert", "Béranger", "Caron", "Delacroix",
  "Dufresne", "Écuyer", "Faure", "Garnier", "Héloury", "Jégou", "Kerboeuf",
  "Lacôte", "Martineau", "Nicolaï", "Ollivier", "Poirier", "Quéré", "Renaud",
  "Saint-Amour", "Tessier", "Urvoy", "Vallée", "Wéry", "Zimmermann", "Aubé",
  "Brûlé", "Crête", "Drouin", "Éthier", "Fortier", "Guérin", "Hamelin",
  "Joly", "Laurent", "Moreau", "Nadeau", "Paré", "Roy", "Simard", "Tremblay",
  "Bouchard", "Gélinas", "Lévesque", "Ouellet", "Bérubé", "Thériault",
  NULL
};

const char * const bench_family_names_en[] = {
  "O’Brien", "O'Sullivan", "Smith", "Jones", "Williams", "Brown", "Taylor",
  "Davies", "Evans", "MacDonald", "McAllister", "Ó Briain", "Nguyễn", "Kowalski",
  "Patel", "Okafor", "Wright", "Walker", "Robinson", "Thompson", "White",
  "Hughes", "Edwards", "Green", "Hall", "Wood", "Harris", "Lewis", "Martin",
  "Jackson", "Clarke", "Turner", "Hill", "Scott", "Cooper", "Morris", "Ward",
  "Moore", "King", "Watson", "Baker", "Harrison", "Morgan", "Patterson",
  "Ní Bhriain", "Mac Giolla", "Fitzgerald", "Kavanagh", "Doherty", "Gallagher",
  "Ahmed", "Chowdhury", "Adeyemi", "Wójcik", "Müller", "Søren", "García",
  NULL
};

/* Outlet names as they appear in real lists: some with a comma, quotes or
 * an apostrophe, which a CSV writer must quote. */
const char * const bench_outlets[] = {
  "Le Monde", "Le Figaro", "Libération", "Les Échos", "L’Équipe", "Ouest-France",
  "La Dépêche du Midi", "France Télévisions", "Radio France", "France Inter",
  "BFM TV", "TF1", "Le Parisien", "Mediapart", "20 Minutes", "La Presse",
  "Le Devoir", "Radio-Canada", "Le Temps", "RTBF", "Le Soir", "Sud Ouest",
  "Le Télégramme", "La Voix du Nord", "L’Usine Nouvelle", "Challenges",
  "Télérama", "Le Point", "L’Express", "Marianne", "Courrier international",
  "Agence France-Presse", "The Guardian", "The Times", "Financial Times",
  "BBC News", "Reuters", "Associated Press", "Bloomberg", "The Economist",
  "The Irish Times", "RTÉ", "Sky News", "The Telegraph", "CBC News",
  "The Globe and Mail", "Politico Europe", "Euractiv", "Morning Brew, Europe edition",
  "The \"Crisis Desk\" newsletter", "Smith, Jones & Partners Review",
  "Tech Policy Press", "Wired UK", "The Register", "Computer Weekly",
  "Energy Voice", "Farmers Weekly", "Health Service Journal", "Retail Gazette",
  "Le Journal de Montréal", "Radio-Télévision Suisse", "Heidi.news",
  "Podcast « Les Pieds sur terre »", "Chaîne YouTube Hugo Décrypte",
  NULL
};

const char * const bench_beats[] = {
  "énergie", "santé", "politique", "économie", "cybersécurité", "transports",
  "environnement", "justice", "technologie", "finance", "agriculture", "éducation",
  "défense", "sport", "culture", "industrie", "consommation", "numérique",
  "energy", "health", "politics", "technology", "cybersecurity", "climate",
  "aviation", "retail", "banking", "telecoms", "public sector", "food safety",
  NULL
};

const char * const bench_roles[] = {
  "Journaliste", "Rédactrice en chef", "Rédacteur en chef adjoint", "Chef de rubrique",
  "Correspondant à Bruxelles", "Pigiste", "Présentatrice", "Chroniqueur",
  "Reporter", "Senior reporter", "Editor", "Deputy editor", "Correspondent",
  "Producer", "Columnist", "Analyst, energy markets", "Host", "Freelance",
  NULL
};

const char * const bench_countries[] = {
  "FR", "FR", "FR", "FR", "BE", "CH", "CA", "LU", "GB", "GB", "IE", "US",
  NULL
};

const char * const bench_kinds[] = {
  "journalist", "journalist", "journalist", "journalist", "editor", "producer",
  "columnist", "influencer", "blogger", "podcaster", "analyst",
  NULL
};

const char * const bench_relationships[] = {
  "cold", "cold", "cold", "warm", "warm", "trusted",
  NULL
};

/* Notes as people write them: commas, quotes, several lines. */
const char * const bench_notes[] = {
  "",
  "",
  "",
  "Préfère être appelée avant 10 h, jamais le vendredi.",
  "Met at the Paris energy summit, 2024.\nFollow-up promised on grid resilience.",
  "A écrit « un manque de transparence » en 2023 ; relation à reconstruire.",
  "Said \"no comment is a comment\" on air, be careful with holding lines.",
  "Ne pas appeler sur le portable, passer par le standard.\nAssistant : Mme Ribeiro.",
  "Covers both Brussels and Luxembourg; French or English, either works.",
  "Embargoes respected, always, so far.",
  "Contact via Signal only during a crisis; e-mail otherwise.",
  NULL
};

const char * const bench_stakeholder_names[] = {
  "Agence nationale de la sécurité des systèmes d’information", "Préfecture",
  "Mairie", "Conseil régional", "CNIL", "Autorité de sûreté nucléaire",
  "Syndicat CFDT", "Syndicat CGT", "Comité social et économique", "Actionnaires",
  "Clients grands comptes", "Fournisseurs", "Riverains", "Association de consommateurs",
  "Assureur", "Banque partenaire", "Ministère de la Santé", "Agence régionale de santé",
  "Pompiers (SDIS)", "Gendarmerie", "Board of directors", "Employees", "Regulator",
  "Local council", "Trade association", "Investors", "Key accounts", "Suppliers",
  "Neighbours", "Consumer group", "Insurer", "Works council", "Press office of the ministry",
  NULL
};

const char * const bench_plan_titles[] = {
  "Cyberattaque sur le système d’information", "Rappel de produit", "Fuite de données clients",
  "Incendie d’entrepôt", "Grève des contrôleurs", "Pollution accidentelle",
  "Accident du travail grave", "Panne du réseau", "Data breach", "Product recall",
  "Ransomware attack", "Warehouse fire", "CEO departure", "Food contamination",
  "Viral social media complaint", "Supply chain disruption", "Inondation du site",
  "Contrôle fiscal médiatisé", "Plainte d’une association", "Flood at the plant",
  "Fraude interne", "Crash of the booking website", "Canicule et coupures",
  "Sanction du régulateur",
  NULL
};

const char * const bench_message_sentences_fr[] = {
  "{{organisation}} a détecté le {{date}} à {{time}} un incident touchant {{incident}}.",
  "Nos équipes sont mobilisées et la situation est sous contrôle.",
  "Par précaution, certains services sont temporairement interrompus.",
  "Nous informerons nos clients et partenaires dès que nous en saurons plus.",
  "Un point de situation sera publié à {{next_update}} sur {{website}}.",
  "Pour toute question, la presse peut joindre {{spokesperson}} au {{hotline}}.",
  "Aucune donnée personnelle n’a été compromise à ce stade de l’enquête.",
  "Nous présentons nos excuses aux personnes concernées pour la gêne occasionnée.",
  "Les autorités compétentes ont été prévenues, dont l’ANSSI et la CNIL.",
  "Les sites de Lyon, Rennes et Lille continuent de fonctionner normalement.",
  NULL
};

const char * const bench_message_sentences_en[] = {
  "On {{date}} at {{time}}, {{organisation}} identified an incident affecting {{incident}}.",
  "Our teams are working around the clock and the situation is under control.",
  "As a precaution, some services have been temporarily suspended.",
  "We will keep customers and partners informed as soon as we know more.",
  "A further update will be published at {{next_update}} on {{website}}.",
  "Media enquiries: {{spokesperson}}, {{hotline}}.",
  "At this stage there is no evidence that personal data was accessed.",
  "We apologise to everyone affected for the disruption.",
  "The relevant authorities, including the regulator, have been notified.",
  "Our sites in Leeds, Cork and Glasgow continue to operate normally.",
  NULL
};

char *
bench_message_text (BenchRng *rng,
                    gboolean  french,
                    guint     n_chars)
{
  const char * const *sentences = french ? bench_message_sentences_fr : bench_message_sentences_en;
  GString *text = g_string_new (NULL);
  guint chars = 0;
  guint in_paragraph = 0;

  while (chars < n_chars)
    {
      const char *sentence = bench_rng_pick (rng, sentences);

      if (text->len > 0)
        {
          g_string_append (text, ++in_paragraph % 4 == 0 ? "\n\n" : " ");
          chars += in_paragraph % 4 == 0 ? 2 : 1;
        }
      g_string_append (text, sentence);
      chars += g_utf8_strlen (sentence, -1);
    }

  /* Cut at exactly n_chars characters, on a character boundary. */
  {
    const char *end = g_utf8_offset_to_pointer (text->str, MIN (n_chars, g_utf8_strlen (text->str, -1)));
    g_string_truncate (text, end - text->str);
  }
  return g_string_free (text, FALSE);
}
