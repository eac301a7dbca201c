"""The studies and articles rules cite, by name (never by file)."""

NSMA = "NSMA 2018 (Het Nederlands Social Media Onderzoek)"
INSITES = "InSites Consulting (Social Media Integration Survey)"
NOTION = "Notion technologies, 'Sociale media integratie duurt te lang'"
MARKETINGFACTS = "Marketingfacts, 'De ROI van Social Media'"
MERKIMAGO = "'Gebrekkige communicatie op sociale media beschadigt merkimago'"
SWEENEY = "Sweeney Research"
ARNOLD_MARITZ = f"Arnold Worldwide; Maritz; {MERKIMAGO}"
