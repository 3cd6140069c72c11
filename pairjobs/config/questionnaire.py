"""The questions of the peer workers' yearly questionnaire (configuration, in French)."""

# Each question: a key, a kind ("scale" is answered from 1, not at all, to 5, fully; "yes_no"; "text", free
# and optional) and its text, in French.
QUESTIONNAIRE_QUESTIONS = (
    {"key": "supervision", "kind": "scale",
     "text": "La supervision que vous recevez vous aide-t-elle dans votre travail\u202f?"},
    {"key": "integration", "kind": "scale", "text": "Vous sentez-vous intégré·e dans l’équipe\u202f?"},
    {"key": "training", "kind": "scale",
     "text": "Les formations proposées répondent-elles à vos besoins\u202f?"},
    {"key": "pay", "kind": "scale",
     "text": "Votre rémunération est-elle juste au regard de votre travail\u202f?"},
    {"key": "workload", "kind": "scale", "text": "Votre charge de travail est-elle soutenable\u202f?"},
    {"key": "recommend", "kind": "yes_no",
     "text": "Recommanderiez-vous cet employeur à un ou une autre pair-aidant·e\u202f?"},
    {"key": "comment", "kind": "text",
     "text": "Souhaitez-vous ajouter quelque chose\u202f? (facultatif)"},
)
