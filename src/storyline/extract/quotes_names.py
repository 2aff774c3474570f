"""Gender hints from common first names, for resolving "he"/"she" to a speaker.

A hand-written list of common first names (English, European, Middle Eastern, South Asian): it
only has to separate the usual cases ("Melanie said ... he said" must not resolve "he" to
Melanie). Names used for both sexes (Chris, Pat, Jordan, Alex, Sam, Robin, Terry, Dana,
Dominique, Jan, ...) and names that are as often surnames, places or words (Clinton, Warren,
Chelsea, Hope, June) are left out on purpose.
"""

from __future__ import annotations

MALE_FIRST_NAMES = frozenset(
    """
    aaron abdul adam ahmed alan albert alexander alfred ali allen andre andrew andy angelo anthony
    antonin antonio arnold arthur austin barack barry bashar ben benjamin benny bernard bernie bert bill
    blake bob bobby brad bradley brandon brent brett brian brody bruce bryan byron calvin cameron carl
    carlos cecil cesar chad charles charlie chester chuck clarence clifford clint clyde cody cole colin
    corey cory craig curtis damon dan daniel danny darrell darren dave david dean dennis derek derrick
    devin dick dominic don donald donnie doug douglas duncan dwayne dwight earl ed eddie edgar eduardo
    edward elijah elliott elmer emmanuel enrique eric ernest ethan eugene evan felix fernando floyd
    francis francisco frank franklin fred gabriel garrett gary gene george gerald gilbert glen glenn
    gordon greg gregory gustavo hank harold harry harvey hassan hector henry herbert herman howard hugh
    hugo ian ivan jack jacob jake james jared jason javier jay jeb jeff jeffery jeffrey jeremy jerome
    jerry jesus jim jimmy joe joel joey john johnny jon jonathan jorge jose joseph josh joshua juan
    julian julio justin karl keith kelvin ken kenneth kevin kirk kofi kurt kyle lance larry lawrence
    leon leonard leroy lester lloyd lucas luis luke malcolm manuel marco marcus mario mark martin marvin
    matt matthew maurice max melvin michael miguel mike milton mitch mitt mohammad mohammed muhammad
    nathan nathaniel neal ned neil newt nicholas nick nigel noah norman oliver omar orrin oscar owen
    pablo patrick paul pedro percy pete peter phil philip preston quentin rafael ralph ramon randall
    randolph randy raul ray raymond reggie reginald reince rex ricardo richard richie rick ricky rob
    robby robert roberto rod rodney roger roland roman ron ronald ronnie ross roy rubin rudolph rudy
    rupert russell ryan salvador sammy samuel sanjay scott sean sergei seth shane shaun shawn sheldon
    sherrod shinzo simon stanley stephen steve steven stuart sylvester ted terence terrence theodore
    thomas tim timothy tod todd tom tony travis trent trevor troy tyler vernon victor vince vincent
    vladimir wade walter wayne wesley wilbur willard william willie winston xavier yoshihide zachary
    abdullah ahmad akbar alain alberto alejandro aleksandr alessandro alexei alfonso amir anders andrei
    angus anil antoine anton ari armando arturo augusto axel ayman benoit bernd bertrand bjorn boris
    brendan bruno carlo carsten cedric christoph christophe claude conor cristiano cyril dale darius
    declan diego dieter dimitri dmitry domenico donovan dylan emile emilio erik ernesto esteban ezra
    fabio fabrice farid fernand filippo finn florian francesco franco françois francois frederic
    frederick friedrich gareth gaston georg gerard gerhard giorgio giovanni giuseppe graham guido gunnar
    gunther gustav hamid hans harald heinrich heinz helmut hernan hideo hiroshi horst hossein hussein
    ibrahim igor ingo ismail jacques jakob jamal javad jens joachim johan johann johannes jonas jurgen
    kamal karim kazuo kenji khalid klaus konrad lars laszlo leonardo lorenzo ludwig luigi luiz magnus
    mahmoud manfred marcel marcelo marek marius massimo mateo matteo mauricio mauro mehmet mikhail milan
    mustafa nasser nicolas nikolai niklas olaf oleg olivier omer osman pascal pasquale pavel pierre
    pieter piotr rahul rainer rajesh ramesh reza rodrigo rolf ruben rudolf saad salman santiago
    sebastian sergio stefan stefano sven tariq thierry thiago tobias tomas ulrich umar uwe vijay viktor
    vittorio vladislav walid werner wolfgang xi yaakov yasser yousef youssef yusuf yves zoltan hunter
    wyatt mason logan colton dustin kent
    """.split()
)

FEMALE_FIRST_NAMES = frozenset(
    """
    abby abigail adriana agnes aileen alexandra alexis alice alicia alison allison alma amanda amy ana
    andrea angela angelina angelique anita ann anna anne annette antoinette arlene audrey ava barbara
    beatrice becky belinda bernadette beth bethany betsy betty beverly bonnie brenda brittany brooke
    camille candace carla carly carmen carol caroline carolyn cassandra catherine cathy cecilia
    charlotte cheryl chloe christina christine cindy claire claudia colleen connie constance courtney
    cynthia daisy danielle darlene debbie deborah debra delores denise diana diane dolores donna doris
    dorothy edith eileen elaine eleanor elena elise elizabeth ella ellen eloise emily emma erica erin
    estelle esther ethel eunice eva evelyn felicia florence frances gabrielle gail gayle gennifer
    geraldine gina gladys glenda gloria grace gretchen gwen gwendolyn hannah harriet hazel heather heidi
    helen hilary hillary holly huma ida irene isabel isabella ivana ivanka jacklyn jacqueline jane
    janelle janet janice janine jasmine jeanette jeanne jenna jennifer jenny jessica jill joan joann
    joanna joanne jocelyn josephine joyce juanita judith judy julia julie kara karen kate katherine
    kathleen kathy katie kayla kelli kelly kellyanne kimberly kirsten kristen kristin kristina krystal
    latoya laura lauren leah lena lillian linda lindsay lindsey lisa liz lois loretta lori lorraine
    louise lucy lydia mabel madeline mae marcia margaret margarita maria marianne marie marilyn marsha
    martha mary maureen maxine megan meghan megyn melania melanie melinda melissa meredith mia michelle
    mildred miriam molly monica myrtle nancy naomi natalie nicole nikki nina nora norma olga olivia
    paige pamela patricia patsy paula pauline peggy penny phyllis priscilla rachel rebecca regina renee
    rhonda rita roberta robyn rosa rosalind rosemary roxanne ruth sabrina sally samantha sandra sara
    sarah sharon sheila sherry shirley sofia sonia sophia stacey stephanie sue susan susanne suzanne
    sylvia tamara tammy tanya tara teresa theresa tiffany tina tonya ursula valerie vanessa vera
    veronica vicki vickie victoria virginia vivian wanda wendy whitney yolanda yuriko yvonne zoe adele
    adrienne aisha alba alina alissa amal amelia anastasia angelika anja annika antonella ariana astrid
    beatriz bianca birgit brigitte carina carolina cate caterina celine chantal charlene christa clara
    daniela darya doreen eleni elisa elisabeth elke elsa emilia erika esperanza fatima federica
    francesca freya gabriela giulia greta gudrun hanna hatice heike helga ilse ines ingrid irina
    isabelle jana jeanine johanna jolanda julianne justine karin karina katarina katharina katja kerstin
    lara larissa leila leticia liesl lorena luciana lucia ludmila magdalena maja manuela marguerite
    mariana marina marisol marta martina mathilde maya mercedes mila mireille monika nadia nadine
    natalia natasha nathalie nicola nicoletta noura oksana paola petra pilar rania raquel renata rosario
    sabine salma sandrine silvia simone sofie solange svetlana tatiana tatyana ulrike valentina valeria
    yasmin yasmine yulia zainab zara ellie ashley kristi kristy lesley jayda stacy tracy tracey marla
    sadie haley hailey kaitlyn kendra
    """.split()
)


def first_name_gender(name: str) -> str | None:
    """``"m"``/``"f"`` when ``name`` (a first name, any case) is in the built-in lists, else None."""
    lowered = name.lower()
    if lowered in MALE_FIRST_NAMES:
        return "m"
    if lowered in FEMALE_FIRST_NAMES:
        return "f"
    return None


__all__ = ["FEMALE_FIRST_NAMES", "MALE_FIRST_NAMES", "first_name_gender"]
