"""The Sammanträden area: meetings per organ, their agenda, ärenden with tjänsteskrivelse
texts and bilagor, and printing of kallelse, tjänsteskrivelse and handlingar."""
